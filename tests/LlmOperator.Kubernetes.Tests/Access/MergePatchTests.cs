using System.Text.Json.Nodes;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Tests.Access;

public class MergePatchTests
{
    [Fact]
    public void Equal_documents_need_no_patch() =>
        Assert.Null(MergePatch.Create(JsonNode.Parse("""{"a":1,"b":{"c":[1,2]}}"""), JsonNode.Parse("""{"b":{"c":[1,2]},"a":1}""")));

    [Fact]
    public void Only_changed_members_are_sent_and_removed_ones_become_null()
    {
        var patch = MergePatch.Create(
            JsonNode.Parse("""{"keep":1,"change":"x","drop":true,"nested":{"same":1,"moved":2}}"""),
            JsonNode.Parse("""{"keep":1,"change":"y","added":[1],"nested":{"same":1,"moved":3}}"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"drop":null,"change":"y","added":[1],"nested":{"moved":3}}"""), patch), patch?.ToJsonString());
    }

    [Fact]
    public void Arrays_are_replaced_whole()
    {
        var patch = MergePatch.Create(JsonNode.Parse("""{"list":[1,2,3]}"""), JsonNode.Parse("""{"list":[1,3]}"""));

        Assert.Equal("""{"list":[1,3]}""", patch!.ToJsonString());
    }

    [Fact]
    public void An_object_replaced_by_a_scalar_is_replaced()
    {
        var patch = MergePatch.Create(JsonNode.Parse("""{"a":{"b":1}}"""), JsonNode.Parse("""{"a":5}"""));

        Assert.Equal("""{"a":5}""", patch!.ToJsonString());
    }
}
