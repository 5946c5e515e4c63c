using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Api.Tests.Json;

public class PlainValuesTests
{
    [Fact]
    public void A_parent_converted_after_its_child_reuses_the_childs_value_and_equals_a_fresh_conversion()
    {
        var parent = JsonNode.Parse("""{"cases": [{"id": "a", "n": 2, "x": 2.5, "ok": true}], "name": "gate"}""")!;
        var converted = new Dictionary<JsonNode, object?>(ReferenceEqualityComparer.Instance);

        var cases = PlainValues.From(parent["cases"], converted);
        var whole = (Dictionary<string, object?>)PlainValues.From(parent, converted)!;

        Assert.Same(cases, whole["cases"]);
        var fresh = (Dictionary<string, object?>)PlainValues.From(parent)!;
        var item = Assert.IsType<Dictionary<string, object?>>(Assert.Single((List<object?>)fresh["cases"]!));
        Assert.Equal(item, Assert.Single((List<object?>)whole["cases"]!));
        Assert.Equal(2L, item["n"]);
        Assert.Equal(2.5, item["x"]);
        Assert.Equal(true, item["ok"]);
        Assert.Equal("gate", whole["name"]);
    }
}
