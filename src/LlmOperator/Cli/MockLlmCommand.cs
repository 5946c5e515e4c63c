using System.CommandLine;
using LlmOperator.Evaluation.MockLlm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop mock-llm</c>: a deterministic OpenAI-compatible server for tests, demos and the mock engine.
/// It serves until stopped (Ctrl+C or SIGTERM).
/// </summary>
internal static class MockLlmCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on; 0 picks a free one.", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on (0.0.0.0 to be reached from other hosts).",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var answers = new Option<string?>("--answers")
        {
            Description = "JSONL file of {\"input\", \"correct\", \"incorrect\", \"tool_call\"} answers, keyed by the last user message.",
        };
        var quality = new Option<double>("--quality")
        {
            Description = "Share of cases answered correctly, 0 to 1, chosen deterministically per case.",
            DefaultValueFactory = _ => 1.0,
        };
        var preamble = new Option<string>("--preamble")
        {
            Description = "Text put before every answer, as a chattier model would.",
            DefaultValueFactory = _ => "",
        };
        var latency = new Option<double>("--latency") { Description = "Milliseconds before the first token of each answer.", DefaultValueFactory = _ => 0 };
        var errorRate = new Option<double>("--error-rate") { Description = "Share of requests answered with HTTP 500, 0 to 1.", DefaultValueFactory = _ => 0 };
        var maxRunning = new Option<int>("--max-running")
        {
            Description = "Chat requests answered at once, as vLLM's --max-num-seqs; the others wait (vllm:num_requests_waiting).",
            DefaultValueFactory = _ => 256,
        };
        var model = new Option<string>("--model") { Description = "The model name it lists and answers as.", DefaultValueFactory = _ => "mock-llm" };
        var seed = new Option<int>("--seed") { Description = "Seed of the injected errors.", DefaultValueFactory = _ => 1 };
        var apiKey = new Option<string?>("--api-key") { Description = "Refuse chat requests (401) that do not carry this bearer token, as a hosted provider." };
        var enableLora = new Option<bool>("--enable-lora")
        {
            Description = $"Serve LoRA adapters as vLLM does: loaded at runtime when {MockLoraOptions.RuntimeUpdatingVariable} is true, each answering at "
                + "the quality its lora_path's quality=Q query parameter says, or for a local directory (with adapter_config.json) "
                + $"the number in its {MockLoraOptions.QualityFile} file.",
        };
        var maxLoras = new Option<int>("--max-loras") { Description = "vLLM's --max-loras (reported only).", DefaultValueFactory = _ => 1 };
        var maxLoraRank = new Option<int>("--max-lora-rank") { Description = "vLLM's --max-lora-rank (reported only).", DefaultValueFactory = _ => 16 };
        var command = new Command("mock-llm", "Serve a deterministic OpenAI-compatible model for tests and demos.")
        {
            port,
            host,
            answers,
            quality,
            preamble,
            latency,
            errorRate,
            maxRunning,
            model,
            seed,
            apiKey,
            enableLora,
            maxLoras,
            maxLoraRank,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new MockLlmOptions
            {
                Port = parsed.GetValue(port),
                Host = parsed.GetValue(host)!,
                AnswersPath = parsed.GetValue(answers),
                Quality = parsed.GetValue(quality),
                Preamble = parsed.GetValue(preamble)!,
                Latency = parsed.GetValue(latency) is var ms and >= 0 and <= 3_600_000 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromMilliseconds(-1),
                ErrorRate = parsed.GetValue(errorRate),
                MaxRunning = parsed.GetValue(maxRunning),
                Model = parsed.GetValue(model)!,
                Seed = parsed.GetValue(seed),
                ApiKey = parsed.GetValue(apiKey),
                Lora = parsed.GetValue(enableLora)
                    ? new MockLoraOptions
                    {
                        MaxLoras = parsed.GetValue(maxLoras),
                        MaxLoraRank = parsed.GetValue(maxLoraRank),
                        RuntimeUpdating = MockLoraOptions.IsOn(Environment.GetEnvironmentVariable(MockLoraOptions.RuntimeUpdatingVariable)),
                    }
                    : null,
            };
            return await RunAsync(options, parsed.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(MockLlmOptions options, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        try
        {
            var app = MockLlmServer.Build(options, logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
            await PodServerRun.RunAsync(
                app,
                address => $"mock-llm listening on {address} (model {options.Model}, quality {options.Quality}, "
                    + $"latency {options.Latency.TotalMilliseconds} ms, error rate {options.ErrorRate})",
                console,
                cancellationToken).ConfigureAwait(false);

            return LlmopCommand.Success;
        }
        catch (Exception e) when (e is OptionsValidationException or FormatException or IOException)
        {
            await console.Error.WriteLineAsync($"llmop mock-llm: {e.Message}").ConfigureAwait(false);
            return LlmopCommand.Failure;
        }
    }
}
