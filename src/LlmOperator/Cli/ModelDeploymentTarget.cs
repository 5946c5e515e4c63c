using System.CommandLine;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// The ModelDeployment a rollout command works on, named by <c>NAME [-n NS] [--kubeconfig P]</c>.
/// </summary>
internal sealed class ModelDeploymentTarget
{
    private readonly Argument<string> _name = new("NAME") { Description = "The ModelDeployment." };
    private readonly Option<string?> _namespace = new("--namespace", "-n")
    {
        Description = "Its namespace (default: the kubeconfig context's namespace, else default).",
    };
    private readonly Option<string?> _kubeconfig = new("--kubeconfig")
    {
        Description = "The kubeconfig to use (default: in-cluster, else $KUBECONFIG or ~/.kube/config).",
    };

    /// <summary>Adds the argument and options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(_name);
        command.Options.Add(_namespace);
        command.Options.Add(_kubeconfig);
    }

    /// <summary>The name, the namespace if one was given, and the kubeconfig if one was given.</summary>
    public (string Name, string? Namespace, string? Kubeconfig) Read(ParseResult parsed) =>
        (parsed.GetValue(_name)!, parsed.GetValue(_namespace), parsed.GetValue(_kubeconfig));

    /// <summary>How messages name a ModelDeployment: <c>modeldeployment NS/NAME</c>, as kubectl names objects.</summary>
    public static string Describe(ObjectKey key) => $"modeldeployment {key}";

    /// <summary>The refusal when the ModelDeployment does not exist.</summary>
    public static CommandOutcome NotFound(ObjectKey key) => CommandOutcome.Refused($"{Describe(key)} not found");
}
