using System.CommandLine;
using LlmOperator.Evaluation.AdapterLoader;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop adapter-loader</c>: the sidecar that fetches LoRA adapter versions (https:// archives, Hugging Face
/// repositories at a pinned revision) into a directory the engine loads them from. It serves until stopped.
/// </summary>
internal static class AdapterLoaderCommand
{
    /// <summary>The Hugging Face Hub's own variables, which the loader reads as huggingface_hub does.</summary>
    public const string EndpointVariable = "HF_ENDPOINT";

    /// <summary>The variable of the token sent to the Hub.</summary>
    public const string TokenVariable = "HF_TOKEN";

    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on; 0 picks a free one.", DefaultValueFactory = _ => 8090 };
        var host = new Option<string>("--host") { Description = "Address to listen on (the pod's IP).", DefaultValueFactory = _ => "127.0.0.1" };
        var directory = new Option<string>("--dir")
        {
            Description = "The directory adapter versions are kept in, one directory each (shared with the engine's container).",
            Required = true,
        };
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "The most bytes one version may take, downloaded and extracted.",
            DefaultValueFactory = _ => AdapterLoaderOptions.DefaultMaxBytes,
        };
        var command = new Command("adapter-loader", $"Fetch LoRA adapters for the engine of a pod (${EndpointVariable} and ${TokenVariable} for the Hub).")
        {
            port,
            host,
            directory,
            maxBytes,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new AdapterLoaderOptions
            {
                Port = parsed.GetValue(port),
                Host = parsed.GetValue(host)!,
                Directory = parsed.GetValue(directory)!,
                MaxBytes = parsed.GetValue(maxBytes),
                HubEndpoint = Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint
                    ? endpoint
                    : AdapterLoaderOptions.DefaultHubEndpoint,
                HubToken = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token : null,
            };
            return await RunAsync(options, parsed.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(AdapterLoaderOptions options, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        try
        {
            var app = AdapterLoaderServer.Build(options, logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            await PodServerRun.RunAsync(
                app,
                address => $"llmop adapter-loader listening on {address} (directory {options.Directory}, hub {options.HubEndpoint})",
                console,
                cancellationToken).ConfigureAwait(false);

            return LlmopCommand.Success;
        }
        catch (Exception e) when (e is OptionsValidationException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"llmop adapter-loader: {e.Message}").ConfigureAwait(false);
            return LlmopCommand.Failure;
        }
    }
}
