using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Tests.Yaml;

public class YamlWriterTests
{
    [Fact]
    public void Quotes_exactly_the_strings_that_would_read_back_as_something_else()
    {
        var node = JsonNode.Parse("""{"a":"true","b":"150","c":"plain words","d":"yes","e":"","f":"null","g":150,"h":true,"i":null,"j":"0x1F"}""")!;

        var yaml = YamlWriter.Write(node);

        Assert.Equal("""
            a: "true"
            b: "150"
            c: plain words
            d: "yes"
            e: ""
            f: "null"
            g: 150
            h: true
            i: null
            j: "0x1F"

            """.Replace("\r\n", "\n", StringComparison.Ordinal), yaml);
    }

    [Fact]
    public void Writes_multi_line_strings_as_literal_blocks_and_round_trips()
    {
        var node = JsonNode.Parse("""{"description":"line one\nline two","list":[1,"x",{"k":"v: w"}],"empty":{},"none":[]}""")!;

        var yaml = YamlWriter.Write(node);
        var back = new YamlDocumentReader(YamlReaderLimits.Default).Read(new StringReader(yaml)).Documents.Single().Root;

        Assert.Contains("description: |-\n  line one\n  line two\n", yaml, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(node, back), yaml);
    }
}
