using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DeploymentPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Ready", "string", "Number of the pod with ready state"),
        new("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        TableColumn.Age,
        TableColumn.TemplateContainers,
        TableColumn.TemplateImages,
        new("Selector", "string",
            "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected "
                + "by this deployment.",
            Priority: 1),
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now)
    {
        var spec = item["spec"];
        var status = item["status"];

        // The API server defaults spec.replicas to 1.
        var desired = spec.OptionalInteger("replicas") ?? 1;
        var (containers, images) = ContainerCells.Of(spec.At("template", "spec"));
        return new PrintedRow(
        [
            item.Name(), $"{status.Integer("readyReplicas")}/{desired}", status.Integer("updatedReplicas"), status.Integer("availableReplicas"),
            item.Age(now), containers, images, LabelText.SelectorString(spec.At("selector")) ?? "<invalid>",
        ]);
    }
}
