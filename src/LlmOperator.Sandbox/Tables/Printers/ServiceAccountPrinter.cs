using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>ServiceAccounts: NAME SECRETS AGE.</summary>
internal sealed class ServiceAccountPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Secrets", "string",
            "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are "
                + "allowed to use. Pods are only limited to this list if this service account has a "
                + "\"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The "
                + "\"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer separate "
                + "namespaces to isolate access to mounted secrets. This field should not be used to find "
                + "auto-generated service account token secrets for use outside of pods. Instead, tokens can be "
                + "requested directly using the TokenRequest API, or service account token secrets can be manually "
                + "created. More info: https://kubernetes.io/docs/concepts/configuration/secret"),
        TableColumn.Age,
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now) => new([item.Name(), (long)item.Count("secrets"), item.Age(now)]);
}
