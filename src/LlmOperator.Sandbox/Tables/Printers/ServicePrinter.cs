using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.</summary>
internal sealed class ServicePrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Type", "string",
            "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, "
                + "ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for "
                + "load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, "
                + "by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", "
                + "no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a "
                + "virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the "
                + "same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external "
                + "load-balancer (if supported in the current cloud) which routes to the same endpoints as the "
                + "clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other "
                + "fields do not apply to ExternalName services. More info: "
                + "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"),
        new("Cluster-IP", "string",
            "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified "
                + "manually, is in-range (as per system configuration), and is not in use, it will be allocated to the "
                + "service; otherwise creation of the service will fail. This field may not be changed through updates "
                + "unless the type field is also being changed to ExternalName (which requires this field to be blank) "
                + "or the type field is being changed from ExternalName (in which case this field may optionally be "
                + "specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP "
                + "address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful "
                + "when direct endpoint connections are preferred and proxying is not required.  Only applies to types "
                + "ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type "
                + "ExternalName, creation will fail. This field will be wiped when updating a Service to type "
                + "ExternalName. More info: "
                + "https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
        new("External-IP", "string",
            "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this "
                + "service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that "
                + "traffic arrives at a node with this IP.  A common example is external load-balancers that are not "
                + "part of the Kubernetes system."),
        new("Port(s)", "string",
            "The list of ports that are exposed by this service. More info: "
                + "https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
        TableColumn.Age,
        new("Selector", "string",
            "Route service traffic to pods with label keys and values matching this selector. If empty or not present, "
                + "the service is assumed to have an external process managing its endpoints, which Kubernetes will "
                + "not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is "
                + "ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/",
            Priority: 1),
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now)
    {
        var spec = item["spec"];

        // The API server defaults the type to ClusterIP and fills clusterIPs from clusterIP.
        var type = ObjectFields.FirstNonEmpty(spec.Text("type"), "ClusterIP");
        var clusterIP = spec.Items("clusterIPs").Count > 0 ? spec.Items("clusterIPs")[0].Text() : spec.Text("clusterIP");
        var ports = string.Join(',', spec.Items("ports").Select(Port));
        return new PrintedRow(
        [
            item.Name(), type, clusterIP.Length == 0 ? "<none>" : clusterIP, ExternalIP(type, spec, item["status"]),
            ports.Length == 0 ? "<none>" : ports, item.Age(now), LabelText.FormatLabels(spec.At("selector")),
        ]);
    }

    private static string Port(JsonNode? port)
    {
        // The API server defaults the protocol to TCP.
        var protocol = ObjectFields.FirstNonEmpty(port.Text("protocol"), "TCP");
        var nodePort = port.Integer("nodePort");
        return nodePort > 0 ? $"{port.Integer("port")}:{nodePort}/{protocol}" : $"{port.Integer("port")}/{protocol}";
    }

    private static string ExternalIP(string type, JsonNode? spec, JsonNode? status)
    {
        var externalIPs = spec.Items("externalIPs").Select(ip => ip.Text()).ToList();
        switch (type)
        {
            case "ClusterIP" or "NodePort":
                return externalIPs.Count > 0 ? string.Join(',', externalIPs) : "<none>";
            case "LoadBalancer":
                // The server prints the wide form, so the list of ingress points is never shortened.
                var ingress = status.Items("loadBalancer", "ingress")
                    .Select(i => ObjectFields.FirstNonEmpty(i.Text("ip"), i.Text("hostname")))
                    .Where(address => address.Length > 0)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var addresses = ingress.Concat(externalIPs).ToList();
                return addresses.Count > 0 ? string.Join(',', addresses) : "<pending>";
            case "ExternalName":
                return spec.Text("externalName");
            default:
                return "<unknown>";
        }
    }
}
