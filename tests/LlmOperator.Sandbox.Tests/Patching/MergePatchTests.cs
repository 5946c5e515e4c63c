using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

public class MergePatchTests
{
    /// <summary>RFC 7386 appendix A, verbatim.</summary>
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a": {"b": "c"}}""", """{"a": {"b": "d","c": null}}""", """{"a": {"b": "d"}}""")]
    [InlineData("""{"a": [{"b":"c"}]}""", """{"a": [1]}""", """{"a": [1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", """null""", """null""")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc_7386_appendix_A(string original, string patch, string result)
    {
        Equal(result, MergePatch.Apply(Parse(original), Parse(patch)));
    }

    [Fact]
    public void Rfc_7386_section_3_example()
    {
        var target = Parse("""
            {
              "title": "Goodbye!",
              "author" : {
                "givenName" : "John",
                "familyName" : "Doe"
              },
              "tags":[ "example", "sample" ],
              "content": "This will be unchanged"
            }
            """);
        var patch = Parse("""
            {
              "title": "Hello!",
              "phoneNumber": "+01-123-456-7890",
              "author": {
                "familyName": null
              },
              "tags": [ "example" ]
            }
            """);

        Equal(
            """
            {
              "title": "Hello!",
              "author" : {
                "givenName" : "John"
              },
              "tags": [ "example" ],
              "content": "This will be unchanged",
              "phoneNumber": "+01-123-456-7890"
            }
            """,
            MergePatch.Apply(target, patch));
        Equal(
            """{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"]"""
                + ""","content":"This will be unchanged"}""",
            target);
    }
}
