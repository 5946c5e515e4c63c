using LlmOperator.Sandbox.Tables;
using static LlmOperator.Sandbox.Tests.Tables.TableTesting;

namespace LlmOperator.Sandbox.Tests.Tables;

public class TableConverterTests
{
    private const string ConfigMap = """
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"settings","namespace":"default","uid":"9a1e","resourceVersion":"31","creationTimestamp":"2024-05-01T11:00:00Z",
          "managedFields":[{"manager":"kubectl","operation":"Apply"}]},"data":{"a":"1"}}
        """;

    private static readonly string ColumnDefinitions = """
        "columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace.
        """
        + """ Is required when creating resources, although some resources may allow a client to request the generation of an"""
        + """ appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition."""
        + """ Cannot be updated. More info:"""
        + """ https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names","priority":0},"""
        + """{"name":"Data","type":"string","format":"","description":"Data contains the configuration data. Each key must"""
        + """ consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData"""
        + """ field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during"""
        + """ validation process.","priority":0},{"name":"Age","type":"string","format":"","description":"CreationTimestamp is"""
        + """ a timestamp representing the server time when this object was created. It is not guaranteed to be set in"""
        + """ happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339"""
        + """ form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info:"""
        + """ https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata","priority":0}]""";

    [Fact]
    public void A_list_becomes_a_table_with_list_metadata_and_partial_object_metadata_rows()
    {
        var table = Converter.Convert(TableRequest.ForList("", "ConfigMap", [Parse(ConfigMap)], "40", continueToken: "eyJ2IjoxfQ", remainingItemCount: 12));

        var expected = """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"40","continue":"eyJ2IjoxfQ","remainingItemCount":12},"""
            + ColumnDefinitions
            + ""","rows":[{"cells":["settings",1,"60m"],"object":"""
            + """{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":"""
            + """{"name":"settings","namespace":"default","uid":"9a1e","resourceVersion":"31","creationTimestamp":"2024-05-01T11:00:00Z","managedFields":["""
            + """{"manager":"kubectl","operation":"Apply"}]}}}]}""";
        Assert.Equal(expected, Json(table));
    }

    [Fact]
    public void An_empty_list_has_columns_and_no_rows()
    {
        var table = Converter.Convert(TableRequest.ForList("", "ConfigMap", [], "40"));
        Assert.Equal(
            """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"40"},""" + ColumnDefinitions + ""","rows":[]}""",
            Json(table));
    }

    [Fact]
    public void A_single_object_carries_its_own_resource_version()
    {
        var table = Converter.Convert(TableRequest.ForObject("", "ConfigMap", Parse(ConfigMap)));
        Assert.Equal("""{"resourceVersion":"31"}""", Json(table["metadata"]));
    }

    [Fact]
    public void Later_watch_events_leave_the_column_definitions_out()
    {
        var table = Converter.Convert(TableRequest.ForObject("", "ConfigMap", Parse(ConfigMap)) with { IncludeColumnDefinitions = false });
        Assert.True(table.ContainsKey("columnDefinitions"));
        Assert.Null(table["columnDefinitions"]);
        Assert.Equal(
            """[{"cells":["settings",1,"60m"],"object":"""
                + """{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":"""
                + """{"name":"settings","namespace":"default","uid":"9a1e","resourceVersion":"31","creationTimestamp":"2024-05-01T11:00:00Z","managedFields":"""
                + """[{"manager":"kubectl","operation":"Apply"}]}}}]""",
            Json(table["rows"]));
    }

    [Fact]
    public void Rows_carry_the_whole_object_or_nothing_when_asked()
    {
        var item = Parse(ConfigMap);
        var whole = Converter.Convert(TableRequest.ForObject("", "ConfigMap", item) with { IncludeObject = IncludeObjectPolicy.Object });
        var none = Converter.Convert(TableRequest.ForObject("", "ConfigMap", item) with { IncludeObject = IncludeObjectPolicy.None });

        Assert.Equal(Json(item), Json(whole["rows"]![0]!["object"]));
        Assert.True(none["rows"]![0]!.AsObject().ContainsKey("object"));
        Assert.Null(none["rows"]![0]!["object"]);
        Assert.Equal(Json(Parse(ConfigMap)), Json(item));
    }

    [Fact]
    public void The_include_object_parameter_parses_by_name()
    {
        Assert.True(Enum.TryParse<IncludeObjectPolicy>("Object", out var policy));
        Assert.Equal(IncludeObjectPolicy.Object, policy);
        Assert.Equal(IncludeObjectPolicy.Metadata, new TableRequest { Group = "", Kind = "Pod", Objects = [] }.IncludeObject);
    }

    [Fact]
    public void A_v1beta1_table_names_its_partial_object_metadata_the_same_way()
    {
        var table = Converter.Convert(TableRequest.ForObject("", "ConfigMap", Parse(ConfigMap)) with { ApiVersion = "meta.k8s.io/v1beta1" });
        Assert.Equal("meta.k8s.io/v1beta1", table["apiVersion"]!.ToString());
        Assert.Equal("meta.k8s.io/v1beta1", table["rows"]![0]!["object"]!["apiVersion"]!.ToString());
    }

    [Fact]
    public void Ages_are_measured_against_the_time_provider()
    {
        var later = new TableConverter(new FixedTimeProvider(Now.AddDays(3)));
        var table = later.Convert(TableRequest.ForObject("", "ConfigMap", Parse(ConfigMap)));
        Assert.Equal("3d1h", table["rows"]![0]!["cells"]![2]!.ToString());
    }
}
