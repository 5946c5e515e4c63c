using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Workloads.Rollouts;

namespace LlmOperator.Sandbox.Tests.Workloads;

public class PodTemplateHashTests
{
    [Theory]
    [InlineData("""{"metadata": {"labels": {"app": "web", "pod-template-hash": "abc"}}, "spec": {"containers": [{"name": "c", "image": "i"}]}}""")]
    [InlineData("""{"metadata": {"labels": {"pod-template-hash": "abc"}, "annotations": {}}, "spec": {"z": 1, "a": {"b": null, "c": ""}}}""")]
    [InlineData("""{"spec": {"containers": [{"name": "c", "args": [], "ports": [{"containerPort": 80, "hostPort": null}]}, {}], "x": false}}""")]
    [InlineData("""{"spec": {"nested": {"deeper": {"empty": [], "no": false}}, "list": [null, "", false, {"pod-template-hash": "kept"}]}}""")]
    [InlineData("""{"metadata": {"labels": {"tier": "<ü&>"}}, "spec": {"n": 1.50, "big": 12345678901234567890}}""")]
    [InlineData("""{}""")]
    public void The_canonical_form_is_the_template_without_the_hash_label_and_empties_with_its_keys_sorted(string json)
    {
        var template = JsonNode.Parse(json)!;

        Assert.Equal(Expected(template), PodTemplateHash.Canonical(template));
    }

    [Fact]
    public void Templates_that_differ_only_in_the_hash_label_and_empties_hash_alike()
    {
        var template = JsonNode.Parse("""{"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "i"}]}}""");
        var copied = JsonNode.Parse("""
            {"spec": {"containers": [{"image": "i", "name": "c", "args": []}], "volumes": null},
             "metadata": {"labels": {"pod-template-hash": "x", "app": "web"}}}
            """);
        var changed = JsonNode.Parse("""{"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "j"}]}}""");

        Assert.Equal(PodTemplateHash.Of(template), PodTemplateHash.Of(copied));
        Assert.NotEqual(PodTemplateHash.Of(template), PodTemplateHash.Of(changed));
        Assert.Equal("", PodTemplateHash.Canonical(null));
    }

    // The definition, written the plain way: copy, remove the label, drop empty values bottom-up, sort the keys.
    private static string Expected(JsonNode template)
    {
        var copy = template.DeepClone();
        (copy["metadata"]?["labels"] as JsonObject)?.Remove(PodTemplateHash.Label);
        return Normalize(copy)!.ToJsonString();
    }

    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))
            .Where(p => !IsEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        _ => node?.DeepClone(),
    };

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        _ => node.ToJsonString() is "\"\"" or "false",
    };
}
