using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Kubectl;

/// <summary>Built-in kinds as kubectl sees them: documented by kubectl explain, and refused where a real API server refuses them.</summary>
public sealed class KubectlBuiltInSchemaTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly Testing.Kubectl _kubectl = sandbox.Kubectl();

    public void Dispose() => _kubectl.Dispose();

    private static string Deployment(string name, string container) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
        {{container}}
        """;

    private async Task<KubectlResult> ApplyAsync(string ns, string yaml, params string[] flags) =>
        await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-", .. flags], yaml, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Explain_documents_the_fields_of_built_in_kinds()
    {
        var replicas = (await _kubectl.RunAsync("explain", "deployment.spec.replicas")).Succeeded();
        var ports = (await _kubectl.RunAsync("explain", "pod.spec.containers.ports")).Succeeded();
        var service = (await _kubectl.RunAsync("explain", "svc.spec.ports.targetPort")).Succeeded();

        Assert.Contains("GROUP:      apps", replicas, StringComparison.Ordinal);
        Assert.Contains("FIELD: replicas <integer>", replicas, StringComparison.Ordinal);
        Assert.Contains("Number of desired pods.", replicas, StringComparison.Ordinal);
        Assert.Contains("FIELD: ports <[]ContainerPort>", ports, StringComparison.Ordinal);
        Assert.Matches(@"containerPort\t<integer>", ports);
        Assert.Contains("KIND:       Service", service, StringComparison.Ordinal);
        Assert.Contains("Number or name of the port to access on the pods targeted by the service.", service, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_refused_under_strict_validation_and_dropped_without_it()
    {
        var ns = await sandbox.CreateNamespaceAsync("strict");
        var typo = Deployment("typo", "        imagePullPolcy: Always");

        var strict = await ApplyAsync(ns, typo);
        var ignored = await ApplyAsync(ns, typo, "--validate=false");
        var stored = (await _kubectl.RunAsync("get", "deployment", "typo", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0]}")).Succeeded();

        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field "
                + "\"spec.template.spec.containers[0].imagePullPolcy\"",
            strict.Error,
            StringComparison.Ordinal);
        Assert.Contains("deployment.apps/typo created", ignored.Succeeded(), StringComparison.Ordinal);
        Assert.DoesNotContain("imagePullPolcy", stored, StringComparison.Ordinal);
        Assert.Contains("nginx:1.27", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("        resources: {limits: {cpu: 1x}}", "quantities must match the regular expression")]
    [InlineData("        ports: [{containerPort: 70000}]",
        "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData("        readinessProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}}",
        "spec.template.spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type")]
    [InlineData("        env: [{name: 1ST, value: x}]",
        "spec.template.spec.containers[0].env[0].name: Invalid value: \"1ST\": a valid environment variable name")]
    [InlineData("        livenessProbe: {httpGet: {port: http-port-that-is-long}}",
        "spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"http-port-that-is-long\": must be no more than 15 characters")]
    [InlineData("      - {name: web, image: busybox}", "spec.template.spec.containers[1].name: Duplicate value: \"web\"")]
    [InlineData("        ports: [{containerPort: \"80\"}]",
        "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32")]
    public async Task An_invalid_built_in_object_is_refused_with_the_API_server_s_words(string container, string error)
    {
        var ns = await sandbox.CreateNamespaceAsync("invalid");

        var result = await ApplyAsync(ns, Deployment("bad", container));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_config_maps_and_template_labels_follow_the_API_server_s_rules()
    {
        var ns = await sandbox.CreateNamespaceAsync("rules");

        var service = await ApplyAsync(ns, """
            apiVersion: v1
            kind: Service
            metadata: {name: 1api}
            spec:
              ports: [{port: 80}, {port: 0, name: metrics}]
            """);
        var configMap = await ApplyAsync(ns, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {"bad key": x}
            """);
        var labels = await ApplyAsync(
            ns, Deployment("labels", "").Replace("labels: {app: labels}", "labels: {app: labels, tier: -front}", StringComparison.Ordinal));

        Assert.Contains("metadata.name: Invalid value: \"1api\": a DNS-1035 label", service.Error, StringComparison.Ordinal);
        Assert.Contains("spec.ports[0].name: Required value", service.Error, StringComparison.Ordinal);
        Assert.Contains("spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive", service.Error, StringComparison.Ordinal);
        Assert.Contains("data[bad key]: Invalid value: \"bad key\": a valid config key", configMap.Error, StringComparison.Ordinal);
        Assert.Contains("spec.template.metadata.labels: Invalid value: \"-front\"", labels.Error, StringComparison.Ordinal);
    }
}
