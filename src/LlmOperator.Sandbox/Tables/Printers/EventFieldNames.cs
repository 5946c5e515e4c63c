namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// Where an Event's API version keeps the fields the event printer reads. The API server prints both
/// versions with one printer, after converting events.k8s.io/v1 to the internal (core) shape.
/// </summary>
internal sealed record EventFieldNames(
    string InvolvedObject,
    string Source,
    string Message,
    string FirstTimestamp,
    string LastTimestamp,
    string Count,
    string ReportingController)
{
    /// <summary>core/v1 Event.</summary>
    public static EventFieldNames Core { get; } = new("involvedObject", "source", "message", "firstTimestamp", "lastTimestamp", "count", "reportingComponent");

    /// <summary>events.k8s.io/v1 Event, whose older fields carry a <c>deprecated</c> prefix.</summary>
    public static EventFieldNames EventsV1 { get; } = new(
        "regarding", "deprecatedSource", "note", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount", "reportingController");
}
