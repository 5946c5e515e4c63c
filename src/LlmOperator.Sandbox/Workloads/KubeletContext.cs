using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>What the kubelet's pods share: the store and write path, settings, addresses, logs, the pod environment and service account tokens.</summary>
internal sealed class KubeletContext(
    ObjectStore store,
    ResourceService service,
    SandboxOptions options,
    PodAddresses addresses,
    PodLogs logs,
    SandboxEnvironment environment,
    ServiceAccountTokens tokens)
{
    public ObjectStore Store { get; } = store;

    public ResourceService Service { get; } = service;

    public SandboxOptions Options { get; } = options;

    public PodAddresses Addresses { get; } = addresses;

    public PodLogs Logs { get; } = logs;

    public SandboxEnvironment Environment { get; } = environment;

    public ServiceAccountTokens Tokens { get; } = tokens;

    public ResourceType PodType { get; } = service.Registry.FindAnyVersion(new ResourceKey("", "pods"))!;

    /// <summary>Whether a container is of the operator's image (any tag) and llmop can be started here.</summary>
    public bool RunsAsProcess(JsonObject container) => ProcessContainers.RunsAsProcess(Options, container);
}
