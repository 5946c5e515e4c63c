using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>A column definition of a Table (<c>meta.k8s.io/v1 TableColumnDefinition</c>).</summary>
/// <param name="Name">The header, for example <c>Ready</c>.</param>
/// <param name="Type">The OpenAPI type of the cells: string, integer, number, boolean or date.</param>
/// <param name="Description">What the column shows; the real server takes it from the API types' documentation.</param>
/// <param name="Priority">0 for the default columns, 1 and more for those kubectl shows only with <c>-o wide</c>.</param>
/// <param name="Format">An OpenAPI format; <c>name</c> marks the column that holds the object's name.</param>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    /// <summary>ObjectMeta's documentation of <c>name</c>.</summary>
    public const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may "
        + "allow a client to request the generation of an appropriate name automatically. Name is primarily intended "
        + "for creation idempotence and configuration definition. Cannot be updated. More info: "
        + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /// <summary>ObjectMeta's documentation of <c>creationTimestamp</c>.</summary>
    public const string CreationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not "
        + "guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It "
        + "is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More "
        + "info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>The NAME column every printer starts with.</summary>
    public static TableColumn ObjectName { get; } = new("Name", "string", NameDescription, Format: "name");

    /// <summary>The AGE column of the built-in printers (a string cell such as <c>5m</c>).</summary>
    public static TableColumn Age { get; } = new("Age", "string", CreationTimestampDescription);

    /// <summary>The wide CONTAINERS column of workload printers.</summary>
    public static TableColumn TemplateContainers { get; } = new("Containers", "string", "Names of each container in the template.", Priority: 1);

    /// <summary>The wide IMAGES column of workload printers.</summary>
    public static TableColumn TemplateImages { get; } = new("Images", "string", "Images referenced by each container in the template.", Priority: 1);

    /// <summary>The column as JSON, every field present as the API server writes it.</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
