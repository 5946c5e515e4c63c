using System.CommandLine;
using LlmOperator.Evaluation.MockLlm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace LlmOperator.Cli;

/// <summary>
/// How the commands that serve HTTP in a pod (mock-llm, router, adapter-loader) run their application: start it, say
/// on the first line of output where it listens (scripts and tests started with --port 0 read the address from it),
/// then serve until Ctrl+C or SIGTERM (the host's console lifetime) or until the command is cancelled.
/// </summary>
internal static class PodServerRun
{
    /// <summary>Runs <paramref name="app"/>, announcing it with <paramref name="listening"/> of its address, and disposes of it.</summary>
    public static async Task RunAsync(WebApplication app, Func<Uri, string> listening, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await console.Output.WriteLineAsync(listening(MockLlmServer.Address(app))).ConfigureAwait(false);
            await console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
