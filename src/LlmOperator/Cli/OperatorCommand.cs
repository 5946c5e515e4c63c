using System.CommandLine;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop operator</c>: runs the controllers against a cluster until SIGTERM, with /healthz and
/// /readyz on the health port and, when asked, leader election on a Lease.
/// </summary>
internal static class OperatorCommand
{
    /// <summary>The command; <paramref name="controllers"/> registers the controllers it runs.</summary>
    public static Command Create(Action<OperatorBuilder>? controllers = null)
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The kubeconfig to use (default: in-cluster, else $KUBECONFIG or ~/.kube/config)." };
        var namespaces = new Option<string[]>("--namespace") { Description = "A namespace to watch; repeat for several; none watches every namespace.", AllowMultipleArgumentsPerToken = false };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Elect a leader on a Lease so that only one replica runs the controllers." };
        var healthPort = new Option<int>("--health-port") { Description = "The port of /healthz and /readyz.", DefaultValueFactory = _ => 8081 };
        var command = new Command("operator", "Run the operator's controllers against a cluster.") { kubeconfig, namespaces, leaderElect, healthPort };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            options =>
            {
                options.Kubeconfig = parsed.GetValue(kubeconfig);
                foreach (var ns in parsed.GetValue(namespaces) ?? [])
                {
                    options.Namespaces.Add(ns);
                }

                options.LeaderElection.Enabled = parsed.GetValue(leaderElect);
                options.HealthPort = parsed.GetValue(healthPort);
            },
            controllers,
            parsed.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Action<OperatorOptions> configure, Action<OperatorBuilder>? controllers, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var app = OperatorHost.Build(OperatorHost.CreateBuilder(configure, controllers));
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OptionsValidationException e)
            {
                console.Error.WriteLine($"llmop operator: {e.Message}");
                return LlmopCommand.UsageError;
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return LlmopCommand.Success;
        }
    }
}
