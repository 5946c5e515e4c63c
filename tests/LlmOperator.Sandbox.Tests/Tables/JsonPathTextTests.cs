using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tables.JsonPaths;

namespace LlmOperator.Sandbox.Tests.Tables;

public class JsonPathTextTests
{
    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("100", "100")]
    [InlineData("-7", "-7")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("2.0", "2")]
    [InlineData("0.5", "0.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("123456.0", "123456")]
    [InlineData("1000000.0", "1e+06")]
    [InlineData("1234567.5", "1.2345675e+06")]
    [InlineData("1e3", "1000")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1e100", "1e+100")]
    [InlineData("9223372036854775808", "9.223372036854776e+18")]
    public void Scalars_print_as_Go_prints_unstructured_values(string json, string expected)
    {
        Assert.Equal(expected, JsonPathText.FormatValue(JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData("""{"b":1,"a":"x"}""", """{"a":"x","b":1}""")]
    [InlineData("""{"html":"<a href='x'>&</a>"}""", """{"html":"\u003ca href='x'\u003e\u0026\u003c/a\u003e"}""")]
    [InlineData("""{"s":"tab\tquote\"back\\slash\u0001\u2028é"}""", """{"s":"tab\tquote\"back\\slash\u0001\u2028é"}""")]
    [InlineData("""[1, 2.0, 2.5, 1e21, 1e-7, 0.000001, 1e20, null, true, []]""", """[1,2,2.5,1e+21,1e-7,0.000001,100000000000000000000,null,true,[]]""")]
    [InlineData("""{"nested":{"z":[{"y":1,"x":2}]}}""", """{"nested":{"z":[{"x":2,"y":1}]}}""")]
    public void Objects_and_arrays_print_as_Go_s_compact_sorted_JSON(string json, string expected)
    {
        Assert.Equal(expected, JsonPathText.FormatValue(JsonNode.Parse(json)));
    }

    [Fact]
    public void Several_results_are_separated_by_one_space()
    {
        Assert.Equal("""a 1 {"k":"v"} null""", JsonPathText.Format([JsonValue.Create("a"), JsonValue.Create(1L), JsonNode.Parse("""{"k":"v"}"""), null]));
    }

    [Fact]
    public void Values_built_in_memory_keep_their_kind()
    {
        Assert.Equal("3", JsonPathText.FormatValue(JsonValue.Create(3)));
        Assert.Equal("3", JsonPathText.FormatValue(JsonValue.Create(3L)));
        Assert.Equal("3", JsonPathText.FormatValue(JsonValue.Create(3.0)));
        Assert.Equal("1e+07", JsonPathText.FormatValue(JsonValue.Create(1e7)));
    }
}
