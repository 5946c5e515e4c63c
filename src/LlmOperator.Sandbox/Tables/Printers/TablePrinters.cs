using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Which printer makes the table of a kind: the one table of built-in printers, and the rules around it.</summary>
internal static class TablePrinters
{
    private static readonly FrozenDictionary<(string Group, string Kind), ITablePrinter> BuiltIn = new Dictionary<(string, string), ITablePrinter>
    {
        [("", "Pod")] = new PodPrinter(),
        [("", "Service")] = new ServicePrinter(),
        [("", "ConfigMap")] = new ConfigMapPrinter(),
        [("", "Secret")] = new SecretPrinter(),
        [("", "Namespace")] = new NamespacePrinter(),
        [("", "ServiceAccount")] = new ServiceAccountPrinter(),
        [("", "Event")] = new EventPrinter(EventFieldNames.Core),
        [("events.k8s.io", "Event")] = new EventPrinter(EventFieldNames.EventsV1),
        [("apps", "Deployment")] = new DeploymentPrinter(),
        [("apps", "ReplicaSet")] = new ReplicaSetPrinter(),
        [("batch", "Job")] = new JobPrinter(),
        [("coordination.k8s.io", "Lease")] = new LeasePrinter(),
        [("policy", "PodDisruptionBudget")] = new PodDisruptionBudgetPrinter(),
        [("rbac.authorization.k8s.io", "RoleBinding")] = new RoleBindingPrinter(),

        // The sandbox serves HTTPRoute without its CRD; these are the columns of the Gateway API CRD.
        [("gateway.networking.k8s.io", "HTTPRoute")] = new CustomResourcePrinter(
        [
            new JsonObject { ["name"] = "Hostnames", ["type"] = "string", ["jsonPath"] = ".spec.hostnames" },
            new JsonObject { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp" },
        ]),
    }.ToFrozenDictionary();

    private static readonly ITablePrinter Default = new DefaultTablePrinter();

    /// <summary>
    /// The printer for a kind: from its CRD version's columns when it is served from a CRD (an empty
    /// array for a CRD without columns), otherwise the built-in printer, or NAME and CREATED AT.
    /// </summary>
    public static ITablePrinter For(string group, string kind, JsonArray? additionalPrinterColumns) =>
        additionalPrinterColumns is not null
            ? new CustomResourcePrinter(additionalPrinterColumns)
            : BuiltIn.GetValueOrDefault((group, kind), Default);
}
