using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class ReplicaSetPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Desired", "integer",
            "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and "
                + "unspecified. Defaults to 1. More info: "
                + "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"),
        new("Current", "integer",
            "Replicas is the most recently observed number of replicas. More info: "
                + "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"),
        new("Ready", "integer", "The number of ready replicas for this replica set."),
        TableColumn.Age,
        TableColumn.TemplateContainers,
        TableColumn.TemplateImages,
        new("Selector", "string",
            "Selector is a label query over pods that should match the replica count. If the selector is empty, it is "
                + "defaulted to the labels present on the pod template. Label keys and values that must match in order "
                + "to be controlled by this replica set. More info: "
                + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
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
            item.Name(), spec.OptionalInteger("replicas") ?? 1, status.Integer("replicas"), status.Integer("readyReplicas"),
            item.Age(now), containers, images, LabelText.FormatLabelSelector(spec.At("selector")),
        ]);
    }
}
