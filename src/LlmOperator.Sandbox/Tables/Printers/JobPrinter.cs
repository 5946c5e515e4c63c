using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR (the STATUS column is new in 1.30).</summary>
internal sealed class JobPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Status", "string", "Status of the job."),
        new("Completions", "string",
            "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. "
                + "However, it may decrease in reaction to scale down of elastic indexed jobs."),
        new("Duration", "string", "Time required to complete the job."),
        TableColumn.Age,
        TableColumn.TemplateContainers,
        TableColumn.TemplateImages,
        new("Selector", "string",
            "A label query over pods that should match the pod count. Normally, the system sets this field for you. "
                + "More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
            Priority: 1),
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now)
    {
        var spec = item["spec"];
        var status = item["status"];
        var (containers, images) = ContainerCells.Of(spec.At("template", "spec"));
        return new PrintedRow(
        [
            item.Name(), Status(item), Completions(spec, status.Integer("succeeded")), Duration(status, now),
            item.Age(now), containers, images, LabelText.FormatLabelSelector(spec.At("selector")),
        ]);
    }

    private static string Completions(JsonNode? spec, long succeeded)
    {
        if (spec.OptionalInteger("completions") is { } completions)
        {
            return $"{succeeded}/{completions}";
        }

        // The API server defaults spec.parallelism to 1.
        var parallelism = spec.OptionalInteger("parallelism") ?? 1;
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static string Duration(JsonNode? status, DateTimeOffset now)
    {
        if (status.Time("startTime") is not { } start)
        {
            return "";
        }

        return HumanDuration.Format((status.Time("completionTime") ?? now) - start);
    }

    private static string Status(JsonObject job)
    {
        var status = job["status"];
        return status.ConditionStatus("Complete") == "True" ? "Complete"
            : status.ConditionStatus("Failed") == "True" ? "Failed"
            : job.Has("metadata", "deletionTimestamp") ? "Terminating"
            : status.ConditionStatus("Suspended") == "True" ? "Suspended"
            : status.ConditionStatus("FailureTarget") == "True" ? "FailureTarget"
            : "Running";
    }
}
