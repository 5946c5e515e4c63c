using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Conformance;

public class ValidationTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    [Fact]
    public async Task Strict_field_validation_refuses_unknown_fields()
    {
        var ns = await sandbox.CreateNamespaceAsync();

        var (code, status, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns) + "?fieldValidation=Strict",
            ApiCalls.ModelDeployment("a", spec: """{"model":{"name":"m","size":"8b"},"engine":"mock","replica":2}"""));

        Assert.Equal(400, code);
        Assert.Equal("BadRequest", (string)status!["reason"]!);
        Assert.Equal(
            "ModelDeployment in version \"v1alpha1\" cannot be handled as a ModelDeployment: strict decoding error: "
                + "unknown field \"spec.model.size\", unknown field \"spec.replica\"",
            (string)status["message"]!);
    }

    [Fact]
    public async Task Warn_prunes_unknown_fields_and_says_so_in_a_warning_header()
    {
        var ns = await sandbox.CreateNamespaceAsync();

        var (code, created, response) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns) + "?fieldValidation=Warn",
            ApiCalls.ModelDeployment("a", spec: """{"model":{"name":"m"},"engine":"mock","replica":2}"""));

        Assert.Equal(201, code);
        Assert.Null(created!["spec"]!["replica"]);
        Assert.Equal(["299 - \"unknown field \\\"spec.replica\\\"\""], response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Schema_violations_are_422_with_one_cause_per_field()
    {
        var ns = await sandbox.CreateNamespaceAsync();

        var (code, status, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns),
            ApiCalls.ModelDeployment("a", spec: """{"model":{"name":"m"},"engine":"gpt","rollout":{"steps":[{"setWeight":150}]}}"""));

        Assert.Equal(422, code);
        Assert.Equal("Invalid", (string)status!["reason"]!);
        Assert.Equal(
            "ModelDeployment.llmoperator.io \"a\" is invalid: [spec.engine: Unsupported value: \"gpt\": supported values: "
                + "\"vllm\", \"tgi\", \"ollama\", \"llamacpp\", \"external\", \"mock\", \"custom\", \"pipeline\", "
                + "spec.rollout.steps[0].setWeight: Invalid value: 150: must be less than or equal to 100]",
            (string)status["message"]!);
        var causes = status["details"]!["causes"]!.AsArray();
        Assert.Equal(["spec.engine", "spec.rollout.steps[0].setWeight"], causes.Select(c => (string)c!["field"]!));
        Assert.Equal(["FieldValueNotSupported", "FieldValueInvalid"], causes.Select(c => (string)c!["reason"]!));
        Assert.Equal("ModelDeployment", (string)status["details"]!["kind"]!);
    }

    [Fact]
    public async Task A_CEL_transition_rule_refuses_an_edit_of_an_immutable_prompt()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        const string prompt = """{"apiVersion":"llmoperator.io/v1alpha1","kind":"PromptVersion","metadata":{"name":"p"},"spec":"""
            + """{"promptName":"p","version":1,"modelRef":{"name":"m"},"messages":[{"role":"user","content":"hi"}]}}""";
        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/apis/llmoperator.io/v1alpha1/namespaces/{ns}/promptversions", prompt);
        created!["spec"]!["messages"]![0]!["content"] = "hello";

        var (code, status, _) = await ApiCalls.SendAsync(
            sandbox.Http, HttpMethod.Put, $"/apis/llmoperator.io/v1alpha1/namespaces/{ns}/promptversions/p", created.ToJsonString());

        Assert.Equal(422, code);
        Assert.Equal(
            "PromptVersion.llmoperator.io \"p\" is invalid: spec: Invalid value: \"object\": "
                + "a PromptVersion is immutable: commit a new version instead of editing this one",
            (string)status!["message"]!);
    }

    [Fact]
    public async Task Names_must_be_DNS_subdomains()
    {
        var ns = await sandbox.CreateNamespaceAsync();

        var (code, status, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("Llama_3"));

        Assert.Equal(422, code);
        Assert.StartsWith(
            "ModelDeployment.llmoperator.io \"Llama_3\" is invalid: metadata.name: Invalid value: \"Llama_3\": "
                + "a lowercase RFC 1123 subdomain must consist of",
            (string)status!["message"]!,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"apiVersion\": ", 400, "couldn't get version/kind; json parse error:")]
    [InlineData("application/json", "{\"a\":1,\"a\":2}", 400, "couldn't get version/kind; json parse error:")]
    [InlineData("application/yaml", "kind: ModelDeployment\n  bad: [", 400, "error converting YAML to JSON: yaml: line 2:")]
    [InlineData("application/json", "[1,2]", 400, "the body must be a JSON object, not an array")]
    [InlineData("text/plain", "{}", 415, "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml")]
    [InlineData("application/json", "{\"apiVersion\":\"llmoperator.io/v1\",\"kind\":\"ModelDeployment\",\"metadata\":{\"name\":\"a\"}}", 400,
        "the API version in the data (llmoperator.io/v1) does not match the expected API version (llmoperator.io/v1alpha1)")]
    [InlineData("application/json", "{\"apiVersion\":\"llmoperator.io/v1alpha1\",\"kind\":\"PromptVersion\",\"metadata\":{\"name\":\"a\"}}", 400,
        "the kind in the data (PromptVersion) does not match the expected kind (ModelDeployment)")]
    public async Task Malformed_bodies_get_a_Status_that_says_why(string contentType, string body, int expectedCode, string messageStart)
    {
        var ns = await sandbox.CreateNamespaceAsync();

        var (code, status, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), body, contentType);

        Assert.Equal(expectedCode, code);
        Assert.Equal("Status", (string)status!["kind"]!);
        Assert.StartsWith(messageStart, (string)status["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_10_MB_body_is_refused_as_too_large()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "big" },
            ["data"] = new JsonObject { ["k"] = new string('x', 10 * 1024 * 1024) },
        };

        var (code, status, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", body.ToJsonString());

        Assert.Equal(413, code);
        Assert.Equal("RequestEntityTooLarge", (string)status!["reason"]!);
        Assert.Equal("Request entity too large: limit is 3145728", (string)status["message"]!);
    }

    [Fact]
    public async Task Requests_without_the_token_are_401_but_health_and_version_are_open()
    {
        using var anonymous = sandbox.CreateHttpClient(withToken: false);

        var (code, status, _) = await ApiCalls.SendAsync(anonymous, HttpMethod.Get, "/api/v1/namespaces");
        var version = await ApiCalls.SendAsync(anonymous, HttpMethod.Get, "/version");
        var health = await ApiCalls.SendAsync(anonymous, HttpMethod.Get, "/readyz");

        Assert.Equal(401, code);
        Assert.Equal("Unauthorized", (string)status!["reason"]!);
        Assert.Equal(200, version.Code);
        Assert.Equal("1", (string)version.Body!["major"]!);
        Assert.Equal(200, health.Code);
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only()
    {
        Assert.Equal("127.0.0.1", sandbox.Server.Address.Host);
        Assert.Equal("https", sandbox.Server.Address.Scheme);
        await Task.CompletedTask;
    }
}
