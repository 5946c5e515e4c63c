using System.CommandLine;
using System.Net;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Dashboard;
using LlmOperator.Kubernetes.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop dashboard</c>: a read-only web UI of one namespace's rollouts, evaluation runs and drift,
/// served from the CLI with the user's own kubeconfig (as <c>kubectl argo rollouts dashboard</c> is),
/// live through watches, until Ctrl+C. <c>--allow-actions</c> adds promote, abort and retry, done with
/// the user's own RBAC.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var ns = new Option<string?>("--namespace", "-n")
        {
            Description = "The namespace to show (default: the kubeconfig context's namespace, else default).",
        };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "The kubeconfig to use (default: in-cluster, else $KUBECONFIG or ~/.kube/config).",
        };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on; 0 picks a free one.", DefaultValueFactory = _ => 3100 };
        var address = new Option<string>("--address")
        {
            Description = "Address to listen on (127.0.0.1 keeps it on this machine).",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var allowActions = new Option<bool>("--allow-actions") { Description = "Offer promote, abort and retry on rollout pages (done with your own RBAC)." };
        var command = new Command("dashboard", "Serve a live web dashboard of the namespace's rollouts, evaluation runs and drift.")
        {
            ns,
            kubeconfig,
            port,
            address,
            allowActions,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parsed.GetValue(address), out var listen))
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync($"llmop dashboard: --address {parsed.GetValue(address)} is not an IP address")
                    .ConfigureAwait(false);
                return LlmopCommand.UsageError;
            }

            return await ClusterCommand.RunAsync(
                "dashboard",
                ("", parsed.GetValue(ns), parsed.GetValue(kubeconfig)),
                parsed.InvocationConfiguration,
                (connection, key, ct) => ServeAsync(
                    connection, key.Namespace!, listen, parsed.GetValue(port), parsed.GetValue(allowActions), parsed.InvocationConfiguration.Output, ct),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<CommandOutcome> ServeAsync(
        ClusterConnection connection, string ns, IPAddress address, int port, bool allowActions, TextWriter output, CancellationToken cancellationToken)
    {
        var reader = new DashboardReader(connection.Client, ns);
        var app = DashboardServer.Build(reader, new ResourceClient<ModelDeployment>(connection.Client), address, port, allowActions);
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return CommandOutcome.Refused($"cannot listen on {address}:{port}: {e.Message}");
            }

            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            await output.WriteLineAsync($"Dashboard of namespace {ns} at {url}/ (Ctrl+C stops it)").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ends the dashboard; that is how it is meant to stop.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return CommandOutcome.Done();
    }
}
