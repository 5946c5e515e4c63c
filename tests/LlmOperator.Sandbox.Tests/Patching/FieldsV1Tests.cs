using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

public class FieldsV1Tests
{
    private const string Fields = """
        {"f:metadata":{"f:finalizers":{"v:\"a\"":{},"v:7":{}},"f:labels":{"f:app.kubernetes.io/name":{}}},
         "f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:targetPort":{}}},"f:selector":{}}}
        """;

    [Fact]
    public void Reads_and_writes_the_notation_kubernetes_stores()
    {
        var set = FieldsV1.TryRead(Parse(Fields));

        Assert.NotNull(set);
        Equal(Fields, FieldsV1.Write(set));
    }

    [Fact]
    public void Prints_paths_as_conflict_messages_do()
    {
        var set = FieldsV1.TryRead(Parse(Fields))!;

        Assert.Equal(
            [
                ".metadata.finalizers[=7]",
                ".metadata.finalizers[=\"a\"]",
                ".metadata.labels.app.kubernetes.io/name",
                ".spec.ports[port=80,protocol=\"TCP\"]",
                ".spec.ports[port=80,protocol=\"TCP\"].port",
                ".spec.ports[port=80,protocol=\"TCP\"].targetPort",
                ".spec.selector",
            ],
            set.Sorted.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("""{"x:spec":{}}""")]
    [InlineData("""{"f:spec":1}""")]
    [InlineData("""{"k:{broken":{}}""")]
    [InlineData("[]")]
    public void Refuses_what_is_not_fieldsV1(string json)
    {
        Assert.Null(FieldsV1.TryRead(Parse(json)));
    }

    [Fact]
    public void Key_values_are_canonical()
    {
        Assert.Equal(PathElement.Key([KeyValuePair.Create("port", Parse("80.0"))]), PathElement.Key([KeyValuePair.Create("port", Parse("80"))]));
        Assert.Equal("k:{\"port\":80}", PathElement.Key([KeyValuePair.Create("port", Parse("80.0"))]).Serialized);
    }
}
