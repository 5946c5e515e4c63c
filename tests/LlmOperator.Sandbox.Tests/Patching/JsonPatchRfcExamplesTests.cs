using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

/// <summary>The examples of RFC 6902 appendix A, verbatim.</summary>
public class JsonPatchRfcExamplesTests
{
    [Theory]
    [InlineData(
        "A.1 adding an object member",
        """{ "foo": "bar"}""",
        """[ { "op": "add", "path": "/baz", "value": "qux" } ]""",
        """{ "baz": "qux", "foo": "bar" }""")]
    [InlineData(
        "A.2 adding an array element",
        """{ "foo": [ "bar", "baz" ] }""",
        """[ { "op": "add", "path": "/foo/1", "value": "qux" } ]""",
        """{ "foo": [ "bar", "qux", "baz" ] }""")]
    [InlineData("A.3 removing an object member", """{ "baz": "qux", "foo": "bar" }""", """[ { "op": "remove", "path": "/baz" } ]""", """{ "foo": "bar" }""")]
    [InlineData(
        "A.4 removing an array element",
        """{ "foo": [ "bar", "qux", "baz" ] }""",
        """[ { "op": "remove", "path": "/foo/1" } ]""",
        """{ "foo": [ "bar", "baz" ] }""")]
    [InlineData(
        "A.5 replacing a value",
        """{ "baz": "qux", "foo": "bar" }""",
        """[ { "op": "replace", "path": "/baz", "value": "boo" } ]""",
        """{ "baz": "boo", "foo": "bar" }""")]
    [InlineData(
        "A.6 moving a value",
        """{ "foo": { "bar": "baz", "waldo": "fred" }, "qux": { "corge": "grault" } }""",
        """[ { "op": "move", "from": "/foo/waldo", "path": "/qux/thud" } ]""",
        """{ "foo": { "bar": "baz" }, "qux": { "corge": "grault", "thud": "fred" } }""")]
    [InlineData(
        "A.7 moving an array element",
        """{ "foo": [ "all", "grass", "cows", "eat" ] }""",
        """[ { "op": "move", "from": "/foo/1", "path": "/foo/3" } ]""",
        """{ "foo": [ "all", "cows", "eat", "grass" ] }""")]
    [InlineData(
        "A.8 testing a value: success",
        """{ "baz": "qux", "foo": [ "a", 2, "c" ] }""",
        """[ { "op": "test", "path": "/baz", "value": "qux" }, { "op": "test", "path": "/foo/1", "value": 2 } ]""",
        """{ "baz": "qux", "foo": [ "a", 2, "c" ] }""")]
    [InlineData(
        "A.10 adding a nested member object",
        """{ "foo": "bar" }""",
        """[ { "op": "add", "path": "/child", "value": { "grandchild": { } } } ]""",
        """{ "foo": "bar", "child": { "grandchild": { } } }""")]
    [InlineData(
        "A.11 ignoring unrecognized elements",
        """{ "foo": "bar" }""",
        """[ { "op": "add", "path": "/baz", "value": "qux", "xyz": 123 } ]""",
        """{ "foo": "bar", "baz": "qux" }""")]
    [InlineData("A.14 ~ escape ordering", """{ "/": 9, "~1": 10 }""", """[ {"op": "test", "path": "/~01", "value": 10} ]""", """{ "/": 9, "~1": 10 }""")]
    [InlineData(
        "A.16 adding an array value",
        """{ "foo": ["bar"] }""",
        """[ { "op": "add", "path": "/foo/-", "value": ["abc", "def"] } ]""",
        """{ "foo": ["bar", ["abc", "def"]] }""")]
    public void Applies(string example, string document, string patch, string expected)
    {
        Assert.NotEmpty(example);
        Equal(expected, JsonPatch.Apply(Parse(document), Parse(patch)));
    }

    [Fact]
    public void A9_testing_a_value_error()
    {
        var refusal = Refused(PatchFailure.NotApplicable, () =>
            JsonPatch.Apply(Parse("""{ "baz": "qux" }"""), Parse("""[ { "op": "test", "path": "/baz", "value": "bar" } ]""")));

        Assert.Equal("testing value /baz failed: test failed", refusal.Message);
        Assert.Equal(422, refusal.StatusCode);
        Assert.Equal("Invalid", refusal.Reason);
        Assert.Equal("the server rejected our request due to an error in our request", refusal.StatusMessage);
    }

    [Fact]
    public void A12_adding_to_a_nonexistent_target()
    {
        var refusal = Refused(PatchFailure.NotApplicable, () =>
            JsonPatch.Apply(Parse("""{ "foo": "bar" }"""), Parse("""[ { "op": "add", "path": "/baz/bat", "value": "qux" } ]""")));

        Assert.Equal("add operation does not apply: doc is missing path: \"/baz/bat\": missing value", refusal.Message);
    }

    [Fact]
    public void A13_invalid_json_patch_document()
    {
        var refusal = Refused(PatchFailure.Malformed, () => PatchBody.Parse("""[ { "op": "add", "path": "/baz", "value": "qux", "op": "remove" } ]"""u8));

        Assert.Equal("invalid JSON patch", refusal.Message);
        Assert.Equal(400, refusal.StatusCode);
        Assert.Equal("BadRequest", refusal.Reason);
    }

    [Fact]
    public void A15_comparing_strings_and_numbers()
    {
        var refusal = Refused(PatchFailure.NotApplicable, () =>
            JsonPatch.Apply(Parse("""{ "/": 9, "~1": 10 }"""), Parse("""[ {"op": "test", "path": "/~01", "value": "10"} ]""")));

        Assert.Equal("testing value /~01 failed: test failed", refusal.Message);
    }
}
