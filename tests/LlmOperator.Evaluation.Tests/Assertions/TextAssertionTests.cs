using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Assertions;

// Behaviour as promptfoo documents it for deterministic assertions: case-sensitive unless the name starts with i,
// scalars compared as their text, comma-separated strings for the list types, and not- inverting each.
public class TextAssertionTests
{
    [Theory]
    [InlineData(AssertionType.EqualTo, "Paris", "Paris", true)]
    [InlineData(AssertionType.EqualTo, "Paris", "paris", false)]
    [InlineData(AssertionType.EqualTo, "Paris", "Paris ", false)]
    [InlineData(AssertionType.NotEqualTo, "Paris", "London", true)]
    [InlineData(AssertionType.Contains, "Paris", "The capital is Paris.", true)]
    [InlineData(AssertionType.Contains, "paris", "The capital is Paris.", false)]
    [InlineData(AssertionType.Icontains, "paris", "The capital is PARIS.", true)]
    [InlineData(AssertionType.NotContains, "sorry", "Sure, here it is.", true)]
    [InlineData(AssertionType.NotIcontains, "As an AI language model", "as an ai language model, I cannot", false)]
    [InlineData(AssertionType.StartsWith, "Yes", "Yes, you can.", true)]
    [InlineData(AssertionType.StartsWith, "Yes", " Yes, you can.", false)]
    [InlineData(AssertionType.NotStartsWith, "No", "Yes", true)]
    public void Scalar_checks_follow_promptfoo(AssertionType type, string value, string output, bool pass)
    {
        var outcome = Specs.Text(type, value, output);

        Assert.Equal(pass, outcome.Pass);
        Assert.Equal(pass ? 1 : 0, outcome.Score);
    }

    [Fact]
    public void Numbers_are_compared_as_their_text()
    {
        Assert.True(Specs.Text(AssertionType.EqualTo, 42, "42").Pass);
        Assert.True(Specs.Text(AssertionType.Contains, 500, "The quota is 500 GB.").Pass);
        Assert.True(Specs.Text(AssertionType.EqualTo, true, "true").Pass);
    }

    [Fact]
    public void Equals_with_an_object_value_compares_the_answer_as_json()
    {
        var value = JsonNode.Parse("""{"service":"storage","healthy":true}""");

        Assert.True(Specs.Text(AssertionType.EqualTo, value, """ {"healthy": true, "service": "storage"} """).Pass);
        Assert.False(Specs.Text(AssertionType.EqualTo, value, """{"service":"storage","healthy":false}""").Pass);
        var notJson = Specs.Text(AssertionType.EqualTo, value, "storage is healthy");
        Assert.False(notJson.Pass);
        Assert.Equal("""Expected output "storage is healthy" to equal "{"service":"storage","healthy":true}" """.TrimEnd(), notJson.Reason);
        // promptfoo: an answer that is not JSON cannot equal the object, so not-equals passes.
        Assert.True(Specs.Text(AssertionType.NotEqualTo, value, "storage is healthy").Pass);
    }

    [Fact]
    public void Contains_any_and_all_take_lists_or_comma_separated_strings()
    {
        Assert.True(Specs.Text(AssertionType.ContainsAny, new JsonArray("reset link", "forgot password"), "Use the forgot password page.").Pass);
        Assert.True(Specs.Text(AssertionType.IcontainsAny, "okta, azure ad, entra", "We support Okta and Google.").Pass);
        Assert.True(Specs.Text(AssertionType.ContainsAll, "Settings, Delete account", "Open Settings, then Delete account.").Pass);
        Assert.True(Specs.Text(AssertionType.ContainsAll, "\"a, b\", c", "x a, b y c").Pass);
        Assert.False(Specs.Text(AssertionType.ContainsAll, "\"a, b\", c", "a b c").Pass);

        var missing = Specs.Text(AssertionType.ContainsAll, new JsonArray("Settings", "Delete account", "Confirm"), "Open Settings.");
        Assert.False(missing.Pass);
        Assert.Equal("Expected output to contain all of [Settings, Delete account, Confirm]. Missing: [Delete account, Confirm]", missing.Reason);

        var any = Specs.Text(AssertionType.NotContainsAny, new JsonArray("error", "sorry"), "Sorry, I cannot.");
        Assert.True(any.Pass);
        Assert.False(Specs.Text(AssertionType.NotIcontainsAny, new JsonArray("error", "sorry"), "Sorry, I cannot.").Pass);
        Assert.True(Specs.Text(AssertionType.NotContainsAll, new JsonArray("a", "z"), "abc").Pass);
        Assert.False(Specs.Text(AssertionType.NotIcontainsAll, new JsonArray("A", "B"), "ab").Pass);
    }

    [Fact]
    public void Failure_reasons_use_promptfoos_words()
    {
        Assert.Equal("Expected output to contain \"Paris\"", Specs.Text(AssertionType.Contains, "Paris", "London").Reason);
        Assert.Equal("Expected output to not contain \"London\"", Specs.Text(AssertionType.NotContains, "London", "London").Reason);
        Assert.Equal("Expected output to contain one of \"a, b\"", Specs.Text(AssertionType.ContainsAny, new JsonArray("a", "b"), "c").Reason);
        Assert.Equal("Expected output to start with \"Yes\"", Specs.Text(AssertionType.StartsWith, "Yes", "No").Reason);
        Assert.Equal("Assertion passed", Specs.Text(AssertionType.Contains, "a", "a").Reason);
    }

    [Fact]
    public void Values_an_assertion_cannot_use_are_configuration_errors()
    {
        var empty = Assert.Throws<AssertionConfigurationException>(() => new TextAssertion(Specs.Of(AssertionType.Contains, "")));
        Assert.Equal("case \"c\" assert[0]: \"contains\" needs a string or number value; it has string", empty.Message);
        var list = Assert.Throws<AssertionConfigurationException>(() => new TextAssertion(Specs.Of(AssertionType.Contains, new JsonArray("a"))));
        Assert.Equal("case \"c\" assert[0]: \"contains\" needs a string or number value; it has array", list.Message);
        var none = Assert.Throws<AssertionConfigurationException>(() => new TextAssertion(Specs.Of(AssertionType.ContainsAny)));
        Assert.Equal("case \"c\" assert[0]: \"contains-any\" needs a list of values; it has none", none.Message);
        var unterminated = Assert.Throws<AssertionConfigurationException>(() => new TextAssertion(Specs.Of(AssertionType.ContainsAll, "\"a, b")));
        Assert.Equal("case \"c\" assert[0]: \"contains-all\" value has an unterminated quoted field", unterminated.Message);
        var nested = Assert.Throws<AssertionConfigurationException>(() =>
            new TextAssertion(Specs.Of(AssertionType.ContainsAny, new JsonArray(new JsonObject()))));
        Assert.Equal("case \"c\" assert[0]: \"contains-any\" needs a list of strings or numbers; it holds object", nested.Message);
    }
}
