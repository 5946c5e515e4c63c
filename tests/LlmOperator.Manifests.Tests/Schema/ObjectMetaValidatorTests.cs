using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Manifests.Tests.Schema;

public class ObjectMetaValidatorTests
{
    private static List<string> Validate(string json, bool namespaced = true) =>
        [.. ObjectMetaValidator.Validate(JsonNode.Parse(json), namespaced).Select(e => e.ToString())];

    [Fact]
    public void Accepts_ordinary_metadata()
    {
        Assert.Empty(Validate(
            """{"name":"llama-chat.v2","namespace":"ml","labels":{"app.kubernetes.io/name":"x","tier":""},"annotations":{"note":"anything at all!"}}"""));
        Assert.Empty(Validate("""{"generateName":"run-"}"""));
    }

    [Fact]
    public void Names_must_be_DNS_subdomains()
    {
        Assert.Equal(
            ["metadata.name: Invalid value: \"Llama_Chat\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric " +
                "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', " +
                "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
            Validate("""{"name":"Llama_Chat"}"""));
        Assert.Equal(["metadata.name: Required value: name or generateName is required"], Validate("{}"));
    }

    [Fact]
    public void Namespaces_labels_and_types_are_checked()
    {
        var errors = Validate("""{"name":"a","namespace":"ML","labels":{"ok":"bad value!","-x":"v"},"annotations":{"n":1}}""");

        Assert.Equal(4, errors.Count);
        Assert.StartsWith("metadata.namespace: Invalid value: \"ML\": a lowercase RFC 1123 label", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("metadata.labels: Invalid value: \"-x\": name part must consist of alphanumeric characters", errors[2], StringComparison.Ordinal);
        Assert.Equal("metadata.annotations.n: Invalid value: 1: must be of type string", errors[3]);
    }

    [Fact]
    public void Cluster_scoped_objects_may_not_name_a_namespace()
    {
        Assert.Equal(["metadata.namespace: Forbidden: not allowed on this type"], Validate("""{"name":"a","namespace":"x"}""", namespaced: false));
    }
}
