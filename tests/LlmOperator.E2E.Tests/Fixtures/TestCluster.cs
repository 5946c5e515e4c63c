using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>One test's namespace of a sandbox: kubectl for it, typed clients, and waits that explain themselves when they time out.</summary>
public sealed class TestCluster : IDisposable
{
    /// <summary>How long a whole rollout may take on a busy two-core machine.</summary>
    public static readonly TimeSpan RolloutTimeout = TimeSpan.FromMinutes(3);

    private TestCluster(SandboxFixture sandbox, string ns)
    {
        Sandbox = sandbox;
        Namespace = ns;
        Kubectl = sandbox.Kubectl();
        Models = new ResourceClient<ModelDeployment>(sandbox.Client);
        Runs = new ResourceClient<EvaluationRun>(sandbox.Client);
        Deployments = new ResourceClient<V1Deployment>(sandbox.Client);
        Services = new ResourceClient<V1Service>(sandbox.Client);
        Jobs = new ResourceClient<V1Job>(sandbox.Client);
        Prompts = new ResourceClient<PromptVersion>(sandbox.Client);
        ConfigMaps = new ResourceClient<V1ConfigMap>(sandbox.Client);
    }

    public SandboxFixture Sandbox { get; }

    public string Namespace { get; }

    public Kubectl Kubectl { get; }

    public ResourceClient<ModelDeployment> Models { get; }

    public ResourceClient<EvaluationRun> Runs { get; }

    public ResourceClient<V1Deployment> Deployments { get; }

    public ResourceClient<V1Service> Services { get; }

    public ResourceClient<V1Job> Jobs { get; }

    public ResourceClient<PromptVersion> Prompts { get; }

    public ResourceClient<V1ConfigMap> ConfigMaps { get; }

    public static async Task<TestCluster> CreateAsync(SandboxFixture sandbox, string prefix) =>
        new(sandbox, await sandbox.CreateNamespaceAsync(prefix));

    /// <summary>kubectl apply -f - of the manifests, as a user (or Argo CD) applies them.</summary>
    public async Task ApplyAsync(params JsonNode[] manifests)
    {
        foreach (var manifest in manifests)
        {
            var result = await Kubectl.RunAsync(["apply", "-f", "-"], manifest.ToJsonString(), TimeSpan.FromSeconds(60));
            Assert.True(result.ExitCode == 0, $"kubectl apply failed: {result.Error}{result.Output}");
        }
    }

    /// <summary>Runs kubectl in the namespace and returns what it printed; fails the test if it fails.</summary>
    public async Task<string> KubectlAsync(params string[] args)
    {
        var result = await Kubectl.RunAsync(["-n", Namespace, .. args]);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {result.Error}{result.Output}");
        return result.Output;
    }

    public async Task<ModelDeployment> ModelAsync(string name) =>
        await Models.GetAsync(new ObjectKey(Namespace, name), default) ?? throw new InvalidOperationException($"ModelDeployment {name} does not exist");

    /// <summary>Waits until the ModelDeployment satisfies <paramref name="condition"/>; on timeout the failure shows its last status.</summary>
    public async Task<ModelDeployment> WaitForModelAsync(string name, Func<ModelDeployment, bool> condition, string what, TimeSpan? within = null)
    {
        ModelDeployment? last = null;
        var reached = await Eventually.Async(async () =>
        {
            last = await Models.GetAsync(new ObjectKey(Namespace, name), default);
            return last is not null && condition(last);
        }, within ?? RolloutTimeout);
        Assert.True(reached, $"{name} never {what}; its last status: {KubernetesJson.Serialize(last?.Status)}");
        return last!;
    }

    /// <summary>Waits until the ModelDeployment's current generation is Healthy with <paramref name="stableRevision"/> (any when null) and no canary.</summary>
    public Task<ModelDeployment> WaitForHealthyAsync(string name, string? stableRevision = null, TimeSpan? within = null) =>
        WaitForModelAsync(name, m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.ObservedGeneration == m.Metadata.Generation
            && m.Status.CanaryRevision is null && (stableRevision is null || m.Status.StableRevision == stableRevision), "became Healthy", within);

    /// <summary>Waits until the PromptVersion satisfies <paramref name="condition"/>; on timeout the failure shows its last status.</summary>
    public async Task<PromptVersion> WaitForPromptAsync(string name, Func<PromptVersion, bool> condition, string what, TimeSpan? within = null)
    {
        PromptVersion? last = null;
        var reached = await Eventually.Async(async () =>
        {
            last = await Prompts.GetAsync(new ObjectKey(Namespace, name), default);
            return last is not null && condition(last);
        }, within ?? RolloutTimeout);
        Assert.True(reached, $"{name} never {what}; its last status: {KubernetesJson.Serialize(last?.Status)}");
        return last!;
    }

    /// <summary>Waits until the PromptVersion is in <paramref name="phase"/> for its current generation.</summary>
    public Task<PromptVersion> WaitForPhaseAsync(string name, PromptPhase phase, TimeSpan? within = null) =>
        WaitForPromptAsync(name, p => p.Status?.Phase == phase && p.Status.ObservedGeneration == p.Metadata.Generation, $"became {phase}", within);

    /// <summary>The EvaluationRuns that judge versions of a prompt.</summary>
    public async Task<IReadOnlyList<EvaluationRun>> RunsOfPromptAsync(string prompt) =>
        (await Runs.ListAsync(Namespace, $"llmoperator.io/prompt={prompt}", default)).Items;

    /// <summary>A ConfigMap of the namespace, or null.</summary>
    public Task<V1ConfigMap?> ConfigMapAsync(string name) => ConfigMaps.GetAsync(new ObjectKey(Namespace, name), default);

    /// <summary>The EvaluationRuns of a ModelDeployment.</summary>
    public async Task<IReadOnlyList<EvaluationRun>> RunsOfAsync(string model) =>
        (await Runs.ListAsync(Namespace, $"llmoperator.io/model={model}", default)).Items;

    /// <summary>The Events about an object, newest last.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAboutAsync(string name)
    {
        var events = await Sandbox.Client.CoreV1.ListNamespacedEventAsync(Namespace, fieldSelector: $"involvedObject.name={name}");
        return [.. events.Items.OrderBy(e => e.LastTimestamp ?? e.EventTime ?? DateTime.MinValue)];
    }

    /// <summary>
    /// Waits for an Event about an object (the operator records events just after the status write a test
    /// waits for); on timeout the failure lists the events there are.
    /// </summary>
    public async Task<Corev1Event> WaitForEventAsync(string name, Func<Corev1Event, bool> condition, string what)
    {
        IReadOnlyList<Corev1Event> events = [];
        var seen = await Eventually.Async(async () => (events = await EventsAboutAsync(name)).Any(condition));
        Assert.True(seen, $"{name} never got an event {what}; it has: {string.Join("; ", events.Select(e => $"{e.Type} {e.Reason}: {e.Message}"))}");
        return events.First(condition);
    }

    public void Dispose() => Kubectl.Dispose();
}
