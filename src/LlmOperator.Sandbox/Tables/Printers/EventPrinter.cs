using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// Events (core/v1 and events.k8s.io/v1): LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE
/// FIRST SEEN COUNT NAME. Events written by the newer API (eventTime and series, no timestamps or
/// count) print as well as the old ones.
/// </summary>
internal sealed class EventPrinter(EventFieldNames fields) : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", "string",
            "This should be a short, machine understandable string that gives the reason for the transition into the "
                + "object's current status."),
        new("Object", "string", "The object that this event is about."),
        new("Subobject", "string",
            "If referring to a piece of an object instead of an entire object, this string should contain a valid "
                + "JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the "
                + "object reference is to a container within a pod, this would take on a value like: "
                + "\"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the "
                + "event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this "
                + "pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.",
            Priority: 1),
        new("Source", "string", "The component reporting this event. Should be a short machine understandable string.", Priority: 1),
        new("Message", "string", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", Priority: 1),
        new("Count", "string", "The number of times this event has occurred.", Priority: 1),
        TableColumn.ObjectName with { Priority = 1 },
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now)
    {
        var firstTimestamp = item.Time(fields.FirstTimestamp) is { } first
            ? HumanDuration.Since(first, now)
            : HumanDuration.Since(item.Time("eventTime"), now);
        var lastTimestamp = item.Time(fields.LastTimestamp) is { } last ? HumanDuration.Since(last, now) : firstTimestamp;
        var count = item.Integer(fields.Count);
        if (item.At("series") is JsonObject series)
        {
            lastTimestamp = HumanDuration.Since(series.Time("lastObservedTime"), now);
            count = series.Integer("count");
        }
        else if (count == 0)
        {
            // Events of the newer API happen once unless they have a series.
            count = 1;
        }

        var involved = item[fields.InvolvedObject];
        var kind = involved.Text("kind").ToLowerInvariant();
        var name = involved.Text("name");
        var component = ObjectFields.FirstNonEmpty(item.Text(fields.Source, "component"), item.Text(fields.ReportingController));
        var instance = ObjectFields.FirstNonEmpty(item.Text(fields.Source, "host"), item.Text("reportingInstance"));
        return new PrintedRow(
        [
            lastTimestamp, item.Text("type"), item.Text("reason"), name.Length > 0 ? $"{kind}/{name}" : kind,
            involved.Text("fieldPath"), instance.Length == 0 ? component : $"{component}, {instance}",
            item.Text(fields.Message).Trim(), firstTimestamp, count, item.Name(),
        ]);
    }
}
