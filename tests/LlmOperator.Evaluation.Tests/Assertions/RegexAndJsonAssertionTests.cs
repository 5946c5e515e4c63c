using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Assertions;

public class RegexAndJsonAssertionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Regex_matches_anywhere_and_not_regex_inverts()
    {
        Assert.True(Specs.Judge(new RegexAssertion(Specs.Of(AssertionType.Regex, "429|Too Many Requests"), Timeout), "You get HTTP 429.").Pass);
        Assert.False(Specs.Judge(new RegexAssertion(Specs.Of(AssertionType.Regex, "^\\d+$"), Timeout), "12a").Pass);
        var inverse = Specs.Judge(new RegexAssertion(Specs.Of(AssertionType.NotRegex, "\\bsorry\\b"), Timeout), "I am sorry");
        Assert.False(inverse.Pass);
        Assert.Equal("Expected output to not match regex \"\\bsorry\\b\"", inverse.Reason);
    }

    [Fact]
    public void An_invalid_regex_is_a_configuration_error()
    {
        var error = Assert.Throws<AssertionConfigurationException>(() => new RegexAssertion(Specs.Of(AssertionType.Regex, "(unclosed"), Timeout));

        Assert.StartsWith("case \"c\" assert[0]: invalid regex \"(unclosed\": Invalid pattern '(unclosed' at offset 9. Not enough )'s.", error.Message);
    }

    [Fact]
    public void A_catastrophic_regex_stops_at_its_timeout_as_an_error_never_a_verdict()
    {
        var assertion = new RegexAssertion(Specs.Of(AssertionType.Regex, "^(a+)+$"), Timeout);
        var answer = new string('a', 40) + "!";

        var error = Assert.Throws<AssertionException>(() => Specs.Judge(assertion, answer));

        Assert.Equal(
            "case \"c\" assert[0]: regex \"^(a+)+$\" did not finish within 100 ms on an answer of 41 characters (catastrophic backtracking?)",
            error.Message);
    }

    [Theory]
    [InlineData("""{"a":1}""", true)]
    [InlineData(""" [1, 2] """, true)]
    [InlineData("\"just a string\"", true)]
    [InlineData("42", true)]
    [InlineData("{a:1}", false)]
    [InlineData("Here is JSON: {\"a\":1}", false)]
    [InlineData("", false)]
    public void Is_json_accepts_what_JSON_parse_accepts(string output, bool pass)
    {
        Assert.Equal(pass, Specs.Judge(new JsonAssertion(Specs.Of(AssertionType.IsJson)), output).Pass);
        Assert.Equal(!pass, Specs.Judge(new JsonAssertion(Specs.Of(AssertionType.NotIsJson)), output).Pass);
    }

    [Fact]
    public void Is_json_with_a_schema_names_what_does_not_conform()
    {
        var schema = JsonNode.Parse("""{"type":"object","required":["service","healthy"],"properties":{"healthy":{"type":"boolean"}}}""");
        var assertion = new JsonAssertion(Specs.Of(AssertionType.IsJson, schema));

        Assert.True(Specs.Judge(assertion, """{"service":"storage","healthy":true}""").Pass);
        var missing = Specs.Judge(assertion, """{"service":"storage"}""");
        Assert.False(missing.Pass);
        Assert.Equal("JSON does not conform to the provided schema. Errors: PropertyRequired at #/healthy", missing.Reason);
        Assert.Equal("Expected output to be valid JSON", Specs.Judge(assertion, "healthy").Reason);
    }

    [Fact]
    public void A_schema_may_be_written_as_yaml_text()
    {
        var assertion = new JsonAssertion(Specs.Of(AssertionType.IsJson, "type: object\nrequired: [answer]\n"));

        Assert.True(Specs.Judge(assertion, """{"answer": 4}""").Pass);
        Assert.False(Specs.Judge(assertion, """{"reply": 4}""").Pass);
        var invalid = Assert.Throws<AssertionConfigurationException>(() => new JsonAssertion(Specs.Of(AssertionType.IsJson, 12)));
        Assert.Equal("case \"c\" assert[0]: \"is-json\" value must be a JSON schema (an object, or YAML text), not number", invalid.Message);
    }

    [Fact]
    public void Contains_json_finds_objects_in_prose_and_code_fences()
    {
        var assertion = new JsonAssertion(Specs.Of(AssertionType.ContainsJson));
        Assert.True(Specs.Judge(assertion, "Sure:\n```json\n{\"status\": \"ok\", \"note\": \"a } in a string\"}\n```").Pass);
        Assert.False(Specs.Judge(assertion, "No braces here, or a broken {one").Pass);
        Assert.Equal("Expected output to contain valid JSON", Specs.Judge(assertion, "nothing").Reason);
        Assert.True(Specs.Judge(new JsonAssertion(Specs.Of(AssertionType.NotContainsJson)), "plain text").Pass);
    }

    [Fact]
    public void Contains_json_with_a_schema_passes_when_any_object_conforms()
    {
        var schema = JsonNode.Parse("""{"type":"object","required":["id"]}""");
        var assertion = new JsonAssertion(Specs.Of(AssertionType.ContainsJson, schema));

        Assert.True(Specs.Judge(assertion, """first {"name":"x"} then {"id":7}""").Pass);
        var none = Specs.Judge(assertion, """only {"name":"x"}""");
        Assert.False(none.Pass);
        Assert.Equal("JSON does not conform to the provided schema. Errors: PropertyRequired at #/id", none.Reason);
    }
}
