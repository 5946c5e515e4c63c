using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Pipelines.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOperator.Evaluation.Router;

/// <summary>
/// The OpenAI-compatible surface of llmop router: /v1/models lists the pipeline, /v1/chat/completions
/// runs it (streamed or not), /healthz answers while the process serves. A request waits for one of the
/// pipeline's concurrency slots; a client that goes away cancels its request and every call it made.
/// </summary>
internal static class RouterEndpoints
{
    public static IEndpointRouteBuilder MapRouter(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => Results.Text("ok"));
        routes.MapGet("/v1/models", (ServedPipeline served) => Results.Text(Models(served), "application/json"));
        routes.MapPost("/v1/chat/completions", ChatAsync);
        return routes;
    }

    private static async Task ChatAsync(HttpContext context, ServedPipeline served, RouterMetrics metrics, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var pipeline = served.Configuration.Name;
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        var (request, stream, problem) = ChatRequestReader.Read(body);
        if (request is null)
        {
            metrics.Started(pipeline);
            metrics.Finished(pipeline, "bad_request", TimeSpan.Zero, []);
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error", problem!).ConfigureAwait(false);
            return;
        }

        metrics.Started(pipeline);
        var started = time.GetTimestamp();
        IReadOnlyList<StepTrace> steps = [];
        var outcome = "cancelled";
        try
        {
            await served.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await served.Executor.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
                steps = result.Steps;
                outcome = "ok";
                await (stream ? StreamAsync(context, served, result.Output, time) : AnswerAsync(context, served, result.Output, time)).ConfigureAwait(false);
            }
            finally
            {
                served.Slots.Release();
            }
        }
        catch (PipelineExecutionException e)
        {
            steps = e.Steps;
            outcome = "error";
            await ErrorAsync(context, StatusCodes.Status502BadGateway, "pipeline_error", e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: there is no one to answer.
        }
        finally
        {
            metrics.Finished(pipeline, outcome, time.GetElapsedTime(started), steps);
        }
    }

    private static Task AnswerAsync(HttpContext context, ServedPipeline served, string output, TimeProvider time)
    {
        var answer = Envelope(served, time, "chat.completion");
        answer["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = output },
            ["finish_reason"] = "stop",
        });
        return Results.Text(answer.ToJsonString(), "application/json").ExecuteAsync(context);
    }

    // The answer is whole when the last step ends, so it goes out as one content chunk between the role and the finish.
    private static async Task StreamAsync(HttpContext context, ServedPipeline served, string output, TimeProvider time)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var chunks = new[]
        {
            new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["role"] = "assistant", ["content"] = "" }, ["finish_reason"] = null },
            new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = output }, ["finish_reason"] = null },
            new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" },
        };
        foreach (var choice in chunks)
        {
            var chunk = Envelope(served, time, "chat.completion.chunk");
            chunk["choices"] = new JsonArray(choice);
            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted).ConfigureAwait(false);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject Envelope(ServedPipeline served, TimeProvider time, string kind) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        ["object"] = kind,
        ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
        ["model"] = served.Configuration.ServedModel,
    };

    private static Task ErrorAsync(HttpContext context, int status, string type, string message) =>
        Results.Text(
            new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = status.ToString(CultureInfo.InvariantCulture) } }
                .ToJsonString(),
            "application/json",
            statusCode: status).ExecuteAsync(context);

    private static string Models(ServedPipeline served) => new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray(new JsonObject
        {
            ["id"] = served.Configuration.ServedModel,
            ["object"] = "model",
            ["owned_by"] = "llmoperator",
        }),
    }.ToJsonString();
}
