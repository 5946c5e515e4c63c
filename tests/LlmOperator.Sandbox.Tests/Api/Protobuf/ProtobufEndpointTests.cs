using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Api.Protobuf;

/// <summary>Protobuf bodies over HTTP: which endpoints take them, and what a refused one is answered.</summary>
public sealed class ProtobufEndpointTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    [Fact]
    public async Task A_custom_resource_refuses_a_protobuf_body_as_a_real_server_does()
    {
        var ns = await sandbox.CreateNamespaceAsync("custom");
        var body = ProtobufWriter.Body("llmoperator.io/v1alpha1", "ModelDeployment", d => d.Message(1, m => m.String(1, "md")));

        var (code, status) = await SendAsync(HttpMethod.Post, ApiCalls.ModelDeployments(ns), body);

        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", status!["reason"]!.GetValue<string>());
        Assert.Equal(
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_built_in_kind_lists_protobuf_among_the_types_it_accepts()
    {
        var ns = await sandbox.CreateNamespaceAsync("text");

        var (code, status, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", "data", "text/plain");

        Assert.Equal(415, code);
        Assert.EndsWith(
            "application/json, application/yaml, application/vnd.kubernetes.protobuf", status!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_scale_updates_take_protobuf_bodies()
    {
        var ns = await sandbox.CreateNamespaceAsync("subresources");
        var services = $"/api/v1/namespaces/{ns}/services";
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, services, """{"metadata":{"name":"lb"},"spec":{"ports":[{"port":80}]}}""");
        var deployments = $"/apis/apps/v1/namespaces/{ns}/deployments";
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, deployments, """
            {"metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
            """);

        var status = ProtobufWriter.Body("v1", "Service", s => s
            .Message(1, m => m.String(1, "lb"))
            .Message(3, st => st.Message(1, lb => lb.Message(1, ingress => ingress.String(1, "203.0.113.7")))));
        var (statusCode, service) = await SendAsync(HttpMethod.Put, $"{services}/lb/status", status);
        var scale = ProtobufWriter.Body("autoscaling/v1", "Scale", s => s.Message(1, m => m.String(1, "web")).Message(2, spec => spec.Varint(1, 4)));
        var (scaleCode, scaled) = await SendAsync(HttpMethod.Put, $"{deployments}/web/scale", scale);
        var toZero = ProtobufWriter.Body("autoscaling/v1", "Scale", s => s.Message(1, m => m.String(1, "web")).Message(2, spec => spec.Varint(1, 0)));
        var (zeroCode, zero) = await SendAsync(HttpMethod.Put, $"{deployments}/web/scale", toZero);

        Assert.Equal((200, "203.0.113.7"), (statusCode, service!["status"]!["loadBalancer"]!["ingress"]![0]!["ip"]!.GetValue<string>()));
        Assert.Equal((200, 4), (scaleCode, scaled!["spec"]!["replicas"]!.GetValue<int>()));
        Assert.Equal((200, 0), (zeroCode, zero!["spec"]!["replicas"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_delete_takes_protobuf_delete_options()
    {
        var ns = await sandbox.CreateNamespaceAsync("delete");
        var configMaps = $"/api/v1/namespaces/{ns}/configmaps";
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, configMaps, """{"metadata":{"name":"kept"}}""");
        var dryRun = ProtobufWriter.Body("v1", "DeleteOptions", o => o.String(5, "All"));

        var (code, _) = await SendAsync(HttpMethod.Delete, $"{configMaps}/kept", dryRun);
        var (after, _, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{configMaps}/kept");

        Assert.Equal((200, 200), (code, after));
    }

    [Fact]
    public async Task A_malformed_protobuf_body_is_answered_400_and_stores_nothing()
    {
        var ns = await sandbox.CreateNamespaceAsync("malformed");
        var configMaps = $"/api/v1/namespaces/{ns}/configmaps";
        var body = ProtobufWriter.Body("v1", "ConfigMap", c => c.Message(1, m => m.String(1, "broken")).Message(2, e => e.String(1, "k").String(2, "v")));

        var (code, status) = await SendAsync(HttpMethod.Post, configMaps, body[..^2]);
        var (after, _, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{configMaps}/broken");

        Assert.Equal((400, "BadRequest"), (code, status!["reason"]!.GetValue<string>()));
        Assert.StartsWith("the protobuf body could not be decoded: ", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(404, after);
    }

    private async Task<(int Code, JsonNode? Body)> SendAsync(HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.kubernetes.protobuf");
        using var response = await sandbox.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }
}
