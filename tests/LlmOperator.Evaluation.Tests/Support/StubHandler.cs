using System.Net;
using System.Text;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>An HTTP handler that answers from a function, recording every request body.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private readonly List<(HttpRequestMessage Request, string Body)> _requests = [];

    public IReadOnlyList<(HttpRequestMessage Request, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static string Completion(string content) => new System.Text.Json.Nodes.JsonObject
    {
        ["id"] = "x",
        ["object"] = "chat.completion",
        ["model"] = "judge",
        ["choices"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["index"] = 0,
            ["message"] = new System.Text.Json.Nodes.JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new System.Text.Json.Nodes.JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5 },
    }.ToJsonString();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_requests)
        {
            _requests.Add((request, body));
        }

        return await answer(request, body, cancellationToken);
    }
}
