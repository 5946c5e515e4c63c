using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tests.Conformance;

/// <summary>Raw HTTP calls to the sandbox, for asserting exact codes and bodies.</summary>
internal static class ApiCalls
{
    public static async Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpClient http,
        HttpMethod method,
        string path,
        string? body = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            json = JsonValue.Create(text);
        }

        return ((int)response.StatusCode, json, response);
    }

    public static string ModelDeployment(string name, string? ns = null, string spec = """{"model":{"name":"m"},"engine":"mock"}""") =>
        $$"""{"apiVersion":"llmoperator.io/v1alpha1","kind":"ModelDeployment","metadata":"""
            + $$"""{"name":"{{name}}"{{(ns is null ? "" : $",\"namespace\":\"{ns}\"")}}},"spec":{{spec}}}""";

    public static string ModelDeployments(string ns) => $"/apis/llmoperator.io/v1alpha1/namespaces/{ns}/modeldeployments";
}
