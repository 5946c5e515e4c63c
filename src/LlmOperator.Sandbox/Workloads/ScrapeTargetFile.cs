using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Writes the pods that run as processes, one target per named container port, as a Prometheus file_sd file
/// (<see cref="SandboxOptions.ScrapeTargetsPath"/>) with the <c>__meta_kubernetes_pod_*</c> labels Prometheus's
/// Kubernetes discovery gives a pod, so that the relabelling a cluster's Prometheus applies (the chart's
/// PodMonitor) applies here unchanged. The file is replaced whole, never written in place.
/// </summary>
internal sealed partial class ScrapeTargetFile : Controllers.SandboxController
{
    private static readonly ResourceKey Pods = new("", "pods");
    private readonly ObjectStore _store;
    private readonly SandboxOptions _options;
    private string? _written;

    /// <summary>Creates the writer; it writes only when the options name a file.</summary>
    public ScrapeTargetFile(ObjectStore store, SandboxOptions options, ILogger<ScrapeTargetFile> logger)
        : base(store, logger) => (_store, _options) = (store, options);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.ScrapeTargetsPath is null)
        {
            return Task.CompletedTask;
        }

        Run(Write);
        return base.ExecuteAsync(stoppingToken);
    }

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Resource == Pods)
        {
            Write();
        }
    }

    private void Write()
    {
        var path = _options.ScrapeTargetsPath!;
        var targets = new JsonArray();
        foreach (var pod in _store.List(Pods, null).Items.Where(p => !p.IsTerminating).Select(p => p.ToJsonObject()))
        {
            if (pod["status"]?["podIP"]?.ToString() is not { Length: > 0 } ip)
            {
                continue;
            }

            var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();
            foreach (var container in containers.Where(c => ProcessContainers.RunsAsProcess(_options, c)))
            {
                foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    targets.Add(Target(pod, ip, container, port));
                }
            }
        }

        var text = targets.ToJsonString();
        if (text == _written)
        {
            return;
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        _written = text;
    }

    private static JsonObject Target(JsonObject pod, string ip, JsonObject container, JsonObject port)
    {
        var number = port["containerPort"]?.ToString() ?? "";
        var ready = (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => c["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True");
        var labels = new JsonObject
        {
            ["__meta_kubernetes_namespace"] = pod["metadata"]?["namespace"]?.ToString(),
            ["__meta_kubernetes_pod_name"] = pod["metadata"]?["name"]?.ToString(),
            ["__meta_kubernetes_pod_ip"] = ip,
            ["__meta_kubernetes_pod_ready"] = ready ? "true" : "false",
            ["__meta_kubernetes_pod_container_name"] = container["name"]?.ToString(),
            ["__meta_kubernetes_pod_container_port_name"] = port["name"]?.ToString() ?? "",
            ["__meta_kubernetes_pod_container_port_number"] = number,
        };
        foreach (var (name, value) in pod["metadata"]?["labels"] as JsonObject ?? [])
        {
            labels[$"__meta_kubernetes_pod_label_{Sanitize(name)}"] = value?.ToString();
            labels[$"__meta_kubernetes_pod_labelpresent_{Sanitize(name)}"] = "true";
        }

        return new JsonObject { ["targets"] = new JsonArray($"{ip}:{number}"), ["labels"] = labels };
    }

    // Prometheus's Kubernetes discovery turns every character a label name cannot hold into an underscore.
    private static string Sanitize(string name) => InvalidLabelCharacter().Replace(name, "_");

    [GeneratedRegex("[^a-zA-Z0-9_]")]
    private static partial Regex InvalidLabelCharacter();
}
