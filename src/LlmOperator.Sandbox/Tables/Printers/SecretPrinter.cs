using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Secrets: NAME TYPE DATA AGE.</summary>
internal sealed class SecretPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Type", "string",
            "Used to facilitate programmatic handling of secret data. More info: "
                + "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
        new("Data", "string",
            "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The "
                + "serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly "
                + "non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
        TableColumn.Age,
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now) =>
        // The API server defaults the type to Opaque.
        new([item.Name(), ObjectFields.FirstNonEmpty(item.Text("type"), "Opaque"), (long)item.Count("data"), item.Age(now)]);
}
