using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Api.Tests.Json;

public class JsonNodeEqualityComparerTests
{
    [Theory]
    [InlineData("""{"id": "a", "n": 1}""", """{"n": 1, "id": "a"}""", true)]
    [InlineData("""{"id": "a"}""", """{"id": "b"}""", false)]
    [InlineData("""[1, 2]""", """[2, 1]""", false)]
    [InlineData("""1""", """1.0""", null)]
    [InlineData("""1""", """1""", true)]
    [InlineData("""true""", """true""", true)]
    [InlineData("""{"a": null}""", """{"a": null}""", true)]
    [InlineData("""{"a": [{"b": "c"}]}""", """{"a": [{"b": "c"}]}""", true)]
    public void Values_deep_equal_hash_alike_and_a_set_keeps_one_of_them(string left, string right, bool? equal)
    {
        JsonNode? x = JsonNode.Parse(left), y = JsonNode.Parse(right);
        var comparer = JsonNodeEqualityComparer.Instance;

        Assert.Equal(JsonNode.DeepEquals(x, y), comparer.Equals(x, y));
        if (equal is { } expected)
        {
            Assert.Equal(expected, comparer.Equals(x, y));
        }

        if (comparer.Equals(x, y))
        {
            Assert.Equal(comparer.GetHashCode(x), comparer.GetHashCode(y));
            Assert.Single(new HashSet<JsonNode?>([x, y], comparer));
        }
    }
}
