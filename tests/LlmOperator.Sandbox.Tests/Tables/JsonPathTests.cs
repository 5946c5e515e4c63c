using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tables.JsonPaths;

namespace LlmOperator.Sandbox.Tests.Tables;

public class JsonPathTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {
          "metadata": {"name": "m", "labels": {"app.kubernetes.io/name": "web", "tier": "front"}, "annotations": {"a.b": "dotted"}},
          "spec": {
            "replicas": 3, "weight": 2.5, "ratio": 2.0, "enabled": true, "nothing": null,
            "tags": ["a", "b", "c", "d"], "empty": [], "nested": {"b": {"c": "deep"}}
          },
          "status": {"conditions": [
            {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
            {"type": "Ready", "status": "False", "count": 2},
            {"status": "Unknown"}
          ]}
        }
        """)!;

    private static string Find(string path)
    {
        var result = JsonPath.Parse(path).Evaluate(Document);
        return result.Succeeded ? JsonPathText.Format(result.Values) : "error: " + result.Error;
    }

    [Theory]
    [InlineData(".spec.replicas", "3")]
    [InlineData(".spec.weight", "2.5")]
    [InlineData(".spec.ratio", "2")]
    [InlineData(".spec.enabled", "true")]
    [InlineData(".spec.nothing", "null")]
    [InlineData(".metadata.labels", """{"app.kubernetes.io/name":"web","tier":"front"}""")]
    [InlineData(".spec.tags", """["a","b","c","d"]""")]
    [InlineData("$.spec.replicas", "3")]
    public void Fields_are_read_by_dotted_paths(string path, string expected)
    {
        Assert.Equal(expected, Find(path));
    }

    [Theory]
    [InlineData(".spec.missing", "")]
    [InlineData(".spec.missing.deeper", "")]
    [InlineData(".metadata.name.deeper", "")]
    [InlineData(".spec.empty[*]", "")]
    public void Missing_keys_find_nothing_without_error(string path, string expected)
    {
        Assert.Equal(expected, Find(path));
    }

    [Theory]
    [InlineData(@".metadata.labels.app\.kubernetes\.io/name", "web")]
    [InlineData(@".metadata.labels['app\.kubernetes\.io/name']", "web")]
    [InlineData(".metadata.labels['tier']", "front")]
    [InlineData(@".metadata.annotations.a\.b", "dotted")]
    public void Keys_holding_dots_need_escaped_dots(string path, string expected)
    {
        Assert.Equal(expected, Find(path));
    }

    [Fact]
    public void A_bracketed_key_with_a_dot_still_splits_on_it_as_client_go_does()
    {
        Assert.Equal("", Find(".metadata.annotations['a.b']"));
        Assert.Equal("deep", Find(".spec.nested['b.c']"));
    }

    [Theory]
    [InlineData(".spec.tags[0]", "a")]
    [InlineData(".spec.tags[3]", "d")]
    [InlineData(".spec.tags[-1]", "d")]
    [InlineData(".spec.tags[-2]", "c")]
    [InlineData(".spec.tags[1:3]", "b c")]
    [InlineData(".spec.tags[:2]", "a b")]
    [InlineData(".spec.tags[2:]", "c d")]
    [InlineData(".spec.tags[0:4:2]", "a c")]
    [InlineData(".spec.tags[*]", "a b c d")]
    [InlineData(".spec.tags.*", "a b c d")]
    [InlineData(".spec.tags[0,2]", "a c")]
    [InlineData(".spec.tags[]", "a")]
    [InlineData(".status.conditions[*].type", "Available Ready")]
    [InlineData(".metadata.labels.*", "web front")]
    [InlineData(".metadata.labels['tier','missing']", "front")]
    [InlineData("..type", "Available Ready")]
    public void Arrays_are_indexed_sliced_and_expanded(string path, string expected)
    {
        Assert.Equal(expected, Find(path));
    }

    [Theory]
    [InlineData(".spec.tags[4]", "array index out of bounds: index 4, length 4")]
    [InlineData(".spec.tags[-5]", "array index out of bounds: index -1, length 4")]
    [InlineData(".spec.tags[1:9]", "array index out of bounds: index 8, length 4")]
    [InlineData(".spec.tags[3:1]", "starting index 3 is greater than ending index 1")]
    [InlineData(".spec.tags[0:4:0]", "step must be > 0")]
    [InlineData(".spec.empty[0]", "array index out of bounds: index 0, length 0")]
    [InlineData(".spec.replicas[0]", "int64 is not array or slice")]
    [InlineData(".spec.nested[0]", "map[string]interface {} is not array or slice")]
    public void Out_of_range_indexes_and_indexing_a_non_array_are_errors(string path, string expected)
    {
        Assert.Equal("error: " + expected, Find(path));
    }

    [Theory]
    [InlineData(""".status.conditions[?(@.type=="Ready")].status""", "False")]
    [InlineData(""".status.conditions[?(@.type == "Ready")].status""", "False")]
    [InlineData(".status.conditions[?(@.type=='Ready')].status", "False")]
    [InlineData(""".status.conditions[?(@.type!="Ready")].type""", "Available")]
    [InlineData(""".status.conditions[?(@.type=="Nope")].status""", "")]
    [InlineData(".status.conditions[?(@.reason)].type", "Available")]
    [InlineData(".status.conditions[?(@.count==2)].type", "Ready")]
    [InlineData(".status.conditions[?(@.count>1)].type", "Ready")]
    [InlineData(".status.conditions[?(@.count<=2)].type", "Ready")]
    [InlineData(""".status.conditions[?(@.type<"B")].type""", "Available")]
    [InlineData(""".status.conditions[?(@.type=="Ready")]""", """{"count":2,"status":"False","type":"Ready"}""")]
    [InlineData(".spec.tags[?(@==\"c\")]", "c")]
    public void Filters_keep_the_elements_a_comparison_holds_for(string path, string expected)
    {
        Assert.Equal(expected, Find(path));
    }

    [Theory]
    [InlineData(".status.conditions[?(@.count==2.0)].type", "incompatible types for comparison")]
    [InlineData(""".status.conditions[?(@.count=="2")].type""", "incompatible types for comparison")]
    [InlineData(".status.conditions[?(@.status>true)].type", "incompatible types for comparison")]
    [InlineData(".spec.nested[?(@.b)]", """{"b":{"c":"deep"}} is not array or slice and cannot be filtered""")]
    [InlineData(""".status.conditions[?(@.type=<"R")].type""", "unrecognized filter operator =<")]
    public void Comparisons_Go_cannot_make_are_errors(string path, string expected)
    {
        Assert.Equal("error: " + expected, Find(path));
    }

    [Theory]
    [InlineData(""".status.conditions[?(@.type=="Ready""", "unterminated filter")]
    [InlineData(""".status.conditions[?(@.type=="Ready")""", "unclosed array expect ]")]
    [InlineData(""".status.conditions[?(@.type=="Ready")extra""", "unclosed array expect ]")]
    [InlineData(""".status.conditions[?(@.type=~"R")].type""", "unrecognized character in action: U+007E '~'")]
    [InlineData(".spec.tags[0", "unterminated array")]
    [InlineData(".spec.tags[x]", "invalid array index x")]
    [InlineData(".spec.tags[1:x]", "invalid array index 1:x")]
    [InlineData(".spec{", "unrecognized character in action: U+007B '{'")]
    [InlineData(".spec....a", "invalid multiple recursive descent")]
    [InlineData(".spec range", "unrecognized identifier range")]
    [InlineData(".spec \"unterminated", "unterminated quoted string")]
    public void Bad_syntax_is_reported_with_client_go_s_message(string path, string expected)
    {
        var error = Assert.Throws<FormatException>(() => JsonPath.Parse(path));
        Assert.Equal(expected, error.Message);
        Assert.False(JsonPath.TryParse(path, out _));
    }

    [Theory]
    [InlineData(""".items[?(@.text=="say \"hi\"")].id""", "1")]
    [InlineData(""".items[?(@.text=='caf\u00e9')].id""", "2")]
    [InlineData(""".items[?(@.text=="tab\there")].id""", "3")]
    public void Quoted_strings_in_filters_take_Go_escapes(string path, string expected)
    {
        var items = JsonNode.Parse("""{"items":[{"id":1,"text":"say \"hi\""},{"id":2,"text":"café"},{"id":3,"text":"tab\there"}]}""");
        Assert.Equal(expected, JsonPathText.Format(JsonPath.Parse(path).Evaluate(items).Values));
    }

    [Fact]
    public void A_JSON_null_found_is_a_result_and_a_missing_key_is_none()
    {
        var found = JsonPath.Parse(".spec.nothing").Evaluate(Document);
        Assert.True(found.Succeeded);
        Assert.Equal([null], found.Values);
        Assert.Empty(JsonPath.Parse(".spec.absent").Evaluate(Document).Values);
    }
}
