using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Tests.Yaml;

public class YamlDocumentReaderTests
{
    private static YamlReadResult Read(string yaml, YamlReaderLimits? limits = null) =>
        new YamlDocumentReader(limits ?? YamlReaderLimits.Default).Read(new StringReader(yaml));

    [Theory]
    [InlineData("v: 150", "150")]
    [InlineData("v: -7", "-7")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 017", "15")]
    [InlineData("v: 0b101", "5")]
    [InlineData("v: 1_000", "1000")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: 1e3", "1000")]
    [InlineData("v: yes", "true")]
    [InlineData("v: Off", "false")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: '150'", "\"150\"")]
    [InlineData("v: \"true\"", "\"true\"")]
    [InlineData("v: !!str 7", "\"7\"")]
    [InlineData("v: .inf", "\".inf\"")]
    [InlineData("v: 2026-01-02", "\"2026-01-02\"")]
    [InlineData("v: 99999999999999999999", "1E+20")]
    [InlineData("v: |\n  two\n  lines\n", "\"two\\nlines\\n\"")]
    public void Scalars_resolve_as_kubectl_resolves_them(string yaml, string json)
    {
        var root = Read(yaml).Documents.Single().Root!;

        Assert.Equal(json, root["v"]?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Records_the_line_of_every_field_and_falls_back_to_the_nearest_parent()
    {
        const string yaml = """
            # comment
            apiVersion: v1
            spec:
              steps:
                - setWeight: 10
                - pause:
                    duration: 1m
            """;
        var document = Read(yaml).Documents.Single();

        Assert.Equal(2, document.StartLine);
        Assert.Equal(4, document.LineOf("spec.steps"));
        Assert.Equal(5, document.LineOf("spec.steps[0].setWeight"));
        Assert.Equal(7, document.LineOf("spec.steps[1].pause.duration"));
        Assert.Equal(6, document.LineOf("spec.steps[1].pause.missing"));
        Assert.Equal(2, document.LineOf("nothing.here"));
    }

    [Fact]
    public void Reads_every_document_of_a_stream_and_keeps_empty_ones_empty()
    {
        var result = Read("a: 1\n---\n---\n# only a comment\n---\nb: 2\n");

        Assert.Null(result.Error);
        Assert.Equal([1, 2, 3, 4], result.Documents.Select(d => d.Index));
        Assert.Equal(["{\"a\":1}", "null", "null", "{\"b\":2}"], result.Documents.Select(d => d.Root?.ToJsonString() ?? "null"));
        Assert.Equal(6, result.Documents[3].StartLine);
    }

    [Fact]
    public void A_syntax_error_keeps_the_documents_before_it_and_says_where()
    {
        var result = Read("a: 1\n---\nb: 1\n  c: 2\n");

        Assert.Single(result.Documents);
        Assert.Equal(4, result.Error!.Line);
        Assert.Equal("while scanning a plain scalar value, found invalid mapping", result.Error.Message);
    }

    [Theory]
    [InlineData("b: [1, 2\nc: 3\n")]
    [InlineData("a: 'unterminated\n")]
    [InlineData("a: b: c\n")]
    [InlineData("- a\nb: c\n")]
    [InlineData("{a: 1\n")]
    [InlineData("a: !!int forty\n")]
    [InlineData("%YAML 9.9\n---\na: 1\n")]
    public void Malformed_input_is_an_error_never_an_exception(string yaml)
    {
        var result = Read(yaml);

        Assert.NotNull(result.Error);
        Assert.True(result.Error.Line >= 1);
        Assert.NotEmpty(result.Error.Message);
    }

    [Fact]
    public void A_duplicate_key_is_an_error_as_kubectl_makes_it()
    {
        var result = Read("spec:\n  replicas: 1\n  replicas: 2\n");

        Assert.Equal(3, result.Error!.Line);
        Assert.Equal("key \"replicas\" already set in map", result.Error.Message);
    }

    [Fact]
    public void Aliases_expand_to_copies()
    {
        var root = Read("base: &b {x: 1}\ncopy: *b\n").Documents.Single().Root!;
        root["copy"]!["x"] = 2;

        Assert.Equal("{\"base\":{\"x\":1},\"copy\":{\"x\":2}}", root.ToJsonString());
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_it_is_built()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i <= 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var result = Read(string.Join('\n', lines));

        Assert.Empty(result.Documents);
        Assert.Equal("excessive aliasing: aliases expand to more than 100000 values", result.Error!.Message);
        Assert.Equal(5, result.Error.Line);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var yaml = new string('[', 150) + new string(']', 150);

        var result = Read(yaml);

        Assert.Equal("nesting deeper than 100 levels", result.Error!.Message);
    }

    [Fact]
    public void Unknown_anchors_and_non_string_keys_are_errors()
    {
        Assert.Equal("unknown anchor \"nope\"", Read("a: *nope\n").Error!.Message);
        Assert.Equal("a mapping key must be a string, not array", Read("? [1, 2]\n: x\n").Error!.Message);
    }

    [Fact]
    public void Numeric_looking_keys_stay_strings()
    {
        var root = Read("labels:\n  1: one\n  true: yes\n").Documents.Single().Root!;

        Assert.Equal("{\"labels\":{\"1\":\"one\",\"true\":true}}", root.ToJsonString());
        Assert.IsType<JsonObject>(root["labels"]);
    }
}
