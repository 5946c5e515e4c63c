using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Tests.Access;

public class UserAgentHandlerTests
{
    [Fact]
    public async Task A_component_alone_is_sent_as_its_name_and_version()
    {
        Assert.Matches(@"^llmop-operator/\d+\.\d+\.\d+$", await SentUserAgentAsync(new UserAgentHandler("llmop-operator")));
    }

    [Fact]
    public async Task A_leader_election_identity_follows_as_a_comment_with_characters_a_comment_cannot_hold_replaced()
    {
        var sent = await SentUserAgentAsync(new UserAgentHandler("llmop-operator", "pod-7f9 (a)\\b"));

        Assert.Matches(@"^llmop-operator/\d+\.\d+\.\d+ \(pod-7f9__a__b\)$", sent);
    }

    private static async Task<string> SentUserAgentAsync(UserAgentHandler handler)
    {
        var recorder = new Recorder();
        handler.InnerHandler = recorder;
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1/version");
        request.Headers.UserAgent.ParseAdd("someone-else/1.0");
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        return recorder.UserAgent!;
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public string? UserAgent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            UserAgent = request.Headers.UserAgent.ToString();
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
