using System.ComponentModel.DataAnnotations;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Leadership;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>Settings of the operator host, validated when it starts.</summary>
public sealed class OperatorOptions : IValidatableObject
{
    /// <summary>The User-Agent of the operator's requests.</summary>
    public const string UserAgent = "llmop-operator";

    /// <summary>A kubeconfig to use; null uses the in-cluster service account, else $KUBECONFIG or ~/.kube/config.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The namespaces to watch; empty watches every namespace.</summary>
    public IList<string> Namespaces { get; } = [];

    /// <summary>How many keys each controller reconciles at once, unless the controller says otherwise.</summary>
    [Range(1, 256)]
    public int WorkersPerController { get; set; } = 2;

    /// <summary>The port of /healthz and /readyz; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int HealthPort { get; set; } = 8081;

    /// <summary>How long a shutdown waits for in-flight reconciles before cancelling them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Leader election on a Lease, so that only one replica runs the controllers.</summary>
    public LeaderElectionOptions LeaderElection { get; } = new();

    /// <summary>How informers list and watch.</summary>
    public ReflectorOptions Informers { get; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var ns in Namespaces.Where(n =>
            string.IsNullOrWhiteSpace(n) || n.Length > 63 || !n.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            yield return new ValidationResult($"'{ns}' is not a namespace name (a DNS-1123 label).", [nameof(Namespaces)]);
        }

        foreach (var (prefix, nested) in new (string, object)[] { (nameof(LeaderElection), LeaderElection), (nameof(Informers), Informers) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(nested, new ValidationContext(nested), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(result.ErrorMessage, [.. result.MemberNames.Select(m => $"{prefix}.{m}")]);
            }
        }

        if (Informers.MaxBackoff < Informers.InitialBackoff)
        {
            yield return new ValidationResult(
                "Informers.MaxBackoff must not be shorter than Informers.InitialBackoff.",
                [$"{nameof(Informers)}.{nameof(ReflectorOptions.MaxBackoff)}"]);
        }
    }
}
