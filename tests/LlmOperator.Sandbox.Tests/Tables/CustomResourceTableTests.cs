using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;
using LlmOperator.Sandbox.Tables;
using LlmOperator.Testing;
using static LlmOperator.Sandbox.Tests.Tables.TableTesting;

namespace LlmOperator.Sandbox.Tests.Tables;

public class CustomResourceTableTests
{
    private const string NameColumn =
        """{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. Is required"""
        + """ when creating resources, although some resources may allow a client to request the generation of an appropriate"""
        + """ name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be"""
        + """ updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names","priority":0}""";

    private static JsonArray CrdColumns(string plural)
    {
        var path = RepositoryPaths.Combine("config", "crd", "bases", $"llmoperator.io_{plural}.yaml");
        var crd = new YamlDocumentReader(YamlReaderLimits.Default).Read(new StringReader(File.ReadAllText(path))).Documents.Single().Root!;
        return crd["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray();
    }

    private static JsonObject CustomTable(JsonArray columns, params string[] objects) =>
        Converter.Convert(TableRequest.ForList("llmoperator.io", "Custom", [.. objects.Select(Parse)], "57") with { AdditionalPrinterColumns = columns });

    private static string Rows(JsonObject table) => string.Join("\n", table["rows"]!.AsArray().Select(r => Json(r!["cells"])));

    private static string Column(string name, string type, string jsonPath) =>
        $$"""{"name":"{{name}}","type":"{{type}}","format":"","description":"Custom resource definition column (in JSONPath"""
            + $$""" format): {{jsonPath}}","priority":0}""";

    [Fact]
    public void A_model_deployment_table_is_exactly_what_the_API_server_sends()
    {
        var table = CustomTable(CrdColumns("modeldeployments"), """
            {"apiVersion":"llmoperator.io/v1alpha1","kind":"ModelDeployment",
             "metadata":{"name":"chat","namespace":"team-a","uid":"5d1c","resourceVersion":"56","generation":3,
              "creationTimestamp":"2024-05-01T09:00:00Z","labels":{"app":"chat"}},
             "spec":{"model":{"name":"llama3.1:8b"},"engine":"ollama"},
             "status":{"phase":"Progressing","stableRevision":"7f9c","canaryRevision":"a1b2","canaryWeight":20,"currentStepIndex":1}}
            """);

        var columns = string.Join(',', NameColumn, Column("Phase", "string", ".status.phase"), Column("Stable", "string", ".status.stableRevision"),
            Column("Canary", "string", ".status.canaryRevision"), Column("Weight", "integer", ".status.canaryWeight"),
            Column("Step", "integer", ".status.currentStepIndex"), Column("Age", "date", ".metadata.creationTimestamp"));
        const string Rows = """
            "rows":[{"cells":["chat","Progressing","7f9c","a1b2",20,1,"3h"],"object":
            """
            + """{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":"""
            + """{"name":"chat","namespace":"team-a","uid":"5d1c","resourceVersion":"56","generation":3"""
            + ""","creationTimestamp":"2024-05-01T09:00:00Z","labels":{"app":"chat"}}}}]}""";
        var expected = """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"57"},"columnDefinitions":[""" + columns + "]," + Rows;
        Assert.Equal(expected, Json(table));
    }

    [Fact]
    public void Status_fields_not_written_yet_are_null_cells()
    {
        var table = CustomTable(CrdColumns("modeldeployments"), """{"metadata":{"name":"new","creationTimestamp":"2024-05-01T11:59:30Z"},"spec":{}}""");
        Assert.Equal("""["new",null,null,null,null,null,"30s"]""", Rows(table));
    }

    [Fact]
    public void The_evaluation_gate_Ready_column_filters_the_conditions()
    {
        var table = CustomTable(
            CrdColumns("evaluationgates"),
            """{"metadata":{"name":"ready","creationTimestamp":"2024-04-23T12:00:00Z"},"status":{"caseCount":120,"conditions":["""
                + """{"type":"Validated","status":"True"},{"type":"Ready","status":"True"}]}}""",
            """{"metadata":{"name":"broken","creationTimestamp":"2024-04-30T12:00:00Z"},"status":{"caseCount":0,"conditions":["""
                + """{"type":"Ready","status":"False","reason":"DatasetMissing"}]}}""",
            """{"metadata":{"name":"fresh","creationTimestamp":"2024-05-01T11:50:00Z"}}""");

        Assert.Equal("Name,Cases,Ready,Age", Headers(table));
        Assert.Equal(Column("Ready", "string", """.status.conditions[?(@.type==\"Ready\")].status"""), Json(table["columnDefinitions"]![2]));
        Assert.Equal("""
            ["ready",120,"True","8d"]
            ["broken",0,"False","24h"]
            ["fresh",null,null,"10m"]
            """, Rows(table));
    }

    [Fact]
    public void Evaluation_runs_show_the_pass_rate_as_a_number()
    {
        var table = CustomTable(
            CrdColumns("evaluationruns"),
            """{"metadata":{"name":"run-1","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{"target":{"name":"chat"}}"""
                + ""","status":{"phase":"Succeeded","verdict":"Pass","summary":{"passRate":0.925}}}""",
            """{"metadata":{"name":"run-2","creationTimestamp":"2024-05-01T11:58:00Z"},"spec":{"target":{"name":"chat"}}"""
                + ""","status":{"phase":"Running","summary":{"passRate":1}}}""");

        Assert.Equal("Name,Target,Phase,Verdict,PassRate,Age", Headers(table));
        Assert.Equal("""
            ["run-1","chat","Succeeded","Pass",0.925,"60m"]
            ["run-2","chat","Running",null,1,"2m"]
            """, Rows(table));
    }

    [Fact]
    public void Prompt_versions_show_the_version_as_an_integer_and_ages_count_365_day_years()
    {
        var table = CustomTable(
            CrdColumns("promptversions"),
            """{"metadata":{"name":"support-v3","creationTimestamp":"2022-05-01T12:00:00Z"},"spec":"""
                + """{"promptName":"support","version":3},"status":{"phase":"Active","message":"Version 3"""
                + """ serves.","evaluation":{"verdict":"Passed: 40 of 40"}}}""");

        Assert.Equal("Name,Prompt,Version,Phase,Verdict,Age,Message*", Headers(table));
        Assert.Equal("""["support-v3","support",3,"Active","Passed: 40 of 40","2y1d","Version 3 serves."]""", Rows(table));
    }

    [Fact]
    public void A_CRD_without_printer_columns_shows_name_and_age()
    {
        var table = CustomTable([], """{"metadata":{"name":"w1","creationTimestamp":"2024-05-01T11:00:00Z"}}""");

        Assert.Equal(
            $$"""[{{NameColumn}},{"name":"Age","type":"date","format":"","description":"CreationTimestamp is a timestamp"""
                + """ representing the server time when this object was created. It is not guaranteed to be set in"""
                + """ happens-before order across separate operations. Clients may not set this value. It is represented in"""
                + """ RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info:"""
                + """ https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata","priority":0}]""",
            Json(table["columnDefinitions"]));
        Assert.Equal("""["w1","60m"]""", Rows(table));
    }

    [Fact]
    public void Description_priority_and_format_come_from_the_CRD()
    {
        var columns = JsonNode.Parse(
            """[{"name":"Size","type":"integer","format":"int32","description":"How big","priority":1,"jsonPath":".spec.size"}]""")!.AsArray();
        var table = CustomTable(columns, """{"metadata":{"name":"w"},"spec":{"size":3}}""");
        Assert.Equal("""{"name":"Size","type":"integer","format":"int32","description":"How big","priority":1}""", Json(table["columnDefinitions"]![1]));
    }

    [Theory]
    [InlineData("integer", "3", "3")]
    [InlineData("integer", "2.7", "2")]
    [InlineData("integer", "-2.7", "-2")]
    [InlineData("integer", "\"3\"", "null")]
    [InlineData("number", "3", "3")]
    [InlineData("number", "0.5", "0.5")]
    [InlineData("number", "true", "null")]
    [InlineData("boolean", "true", "true")]
    [InlineData("boolean", "\"true\"", "null")]
    [InlineData("date", "\"2024-05-01T11:00:00Z\"", "\"60m\"")]
    [InlineData("date", "\"2024-05-01T12:00:10Z\"", "\"<invalid>\"")]
    [InlineData("date", "\"yesterday\"", "\"<invalid>\"")]
    [InlineData("date", "\"\"", "\"<unknown>\"")]
    [InlineData("date", "1714564800", "null")]
    [InlineData("string", "\"text\"", "\"text\"")]
    [InlineData("string", "0.5", "\"0.5\"")]
    [InlineData("string", "1000000.0", "\"1e+06\"")]
    [InlineData("string", "false", "\"false\"")]
    [InlineData("string", "null", "\"<no value>\"")]
    [InlineData("string", """{"b":"<x>","a":1}""", """
        "{\"a\":1,\"b\":\"\\u003cx\\u003e\"}"
        """)]
    [InlineData("string", """["a","b"]""", """
        "[\"a\",\"b\"]"
        """)]
    [InlineData("unknown", "1", "null")]
    [InlineData("integer", "null", "null")]
    public void Cells_are_converted_to_the_column_type(string type, string value, string expectedCell)
    {
        var columns = JsonNode.Parse($$"""[{"name":"V","type":"{{type}}","jsonPath":".spec.value"}]""")!.AsArray();
        var table = CustomTable(columns, $$$"""{"metadata":{"name":"w"},"spec":{"value":{{{value}}}}}""");
        Assert.Equal($"[\"w\",{expectedCell}]", Rows(table));
    }

    [Fact]
    public void Only_the_first_result_of_a_path_is_shown()
    {
        var columns = JsonNode.Parse(
            """[{"name":"Tags","type":"string","jsonPath":".spec.tags[*]"},{"name":"All","type":"string","jsonPath":".spec.tags"}]""")!.AsArray();
        var table = CustomTable(columns, """{"metadata":{"name":"w"},"spec":{"tags":["a","b"]}}""");
        Assert.Equal("""["w","a","[\"a\",\"b\"]"]""", Rows(table));
    }

    [Fact]
    public void A_path_that_fails_to_evaluate_gives_a_null_cell()
    {
        var columns = JsonNode.Parse("""[{"name":"Third","type":"string","jsonPath":".spec.tags[2]"}]""")!.AsArray();
        var table = CustomTable(columns, """{"metadata":{"name":"w"},"spec":{"tags":["a","b"]}}""");
        Assert.Equal("""["w",null]""", Rows(table));
    }

    [Fact]
    public void A_column_whose_path_does_not_parse_is_dropped_with_the_columns_after_it()
    {
        var columns = JsonNode.Parse("""
            [{"name":"A","type":"string","jsonPath":".spec.a"},{"name":"Bad","type":"string","jsonPath":".spec[x]"},
             {"name":"C","type":"string","jsonPath":".spec.c"}]
            """)!.AsArray();
        var table = CustomTable(columns, """{"metadata":{"name":"w"},"spec":{"a":"1","c":"3"}}""");
        Assert.Equal("Name,A", Headers(table));
        Assert.Equal("""["w","1"]""", Rows(table));
    }
}
