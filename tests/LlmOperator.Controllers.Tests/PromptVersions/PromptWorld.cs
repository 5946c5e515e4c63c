using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.PromptVersions;
using LlmOperator.Controllers.PromptVersions.Planning;

namespace LlmOperator.Controllers.Tests.PromptVersions;

/// <summary>
/// A small simulated namespace for the prompt planner: it applies each plan as the reconcilers of every
/// version would (statuses written, runs created and deleted, the ConfigMap written), and lets a test
/// commit and delete versions, finish runs, and change gates and models, as Git and the cluster do.
/// </summary>
internal sealed class PromptWorld
{
    public const string Ns = "support";
    public const string Prompt = "answer";
    private int _resourceVersion = 100;

    public PromptWorld(params string[] gates)
    {
        foreach (var gate in gates)
        {
            Gates[gate] = Gate(gate);
        }

        Models["chat"] = Model("chat", stableRevision: "abc123");
    }

    public List<PromptVersion> Versions { get; } = [];

    public Dictionary<string, List<EvaluationRun>> Runs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EvaluationGate> Gates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ModelDeployment> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>How many runs of a candidate's dependents may be under way at once.</summary>
    public int DependentRunsAtOnce { get; init; } = LlmOperator.Controllers.Common.ControllerOptions.DefaultMaxDependentEvaluations;

    public V1ConfigMap? Published { get; set; }

    public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public PromptPlan? Last { get; private set; }

    /// <summary>Events per version, in order.</summary>
    public Dictionary<string, List<PlannedEvent>> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times the ConfigMap was written.</summary>
    public int Publications { get; private set; }

    public IEnumerable<EvaluationRun> AllRuns => Runs.Values.SelectMany(r => r);

    public static EvaluationGate Gate(string name, int cases = 3) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new EvaluationGateSpec
        {
            Dataset = new Dataset
            {
                Cases = [.. Enumerable.Range(1, cases).Select(i => new EvaluationCase { Id = $"q{i}", Vars = new() { ["question"] = $"Question {i}?" } })],
            },
            Thresholds = new Thresholds { MinPassRate = 0.8 },
        },
    };

    public static ModelDeployment Model(string name, string? stableRevision) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = "chat-small", ServedName = name }, Engine = InferenceEngine.Mock },
        Status = stableRevision is null ? null : new ModelDeploymentStatus
        {
            StableRevision = stableRevision,
            Endpoint = $"http://{name}.{Ns}.svc/v1",
            ServedModel = name,
        },
    };

    public static PromptVersionSpec Spec(int version, string user = "{{ question }}", params string[] gates) => new()
    {
        PromptName = Prompt,
        Version = version,
        Messages =
        [
            new PromptMessage { Role = MessageRole.System, Content = "You answer the user's <support> questions." },
            new PromptMessage { Role = MessageRole.User, Content = user },
        ],
        Variables = [new PromptVariable { Name = "question" }],
        Parameters = new PromptParameters { Temperature = 0.2 },
        ModelRef = new LocalObjectReference { Name = "chat" },
        Gates = [.. gates],
    };

    /// <summary>kubectl apply of a new version (created now, a second after the previous one).</summary>
    public PromptVersion Commit(PromptVersionSpec spec, string? name = null)
    {
        var version = new PromptVersion
        {
            Metadata = new V1ObjectMeta
            {
                Name = name ?? $"{spec.PromptName}-v{spec.Version}",
                NamespaceProperty = Ns,
                Uid = Guid.NewGuid().ToString(),
                Generation = 1,
                ResourceVersion = NextResourceVersion(),
                CreationTimestamp = Now.UtcDateTime,
            },
            Spec = spec,
        };
        Versions.Add(version);
        Now += TimeSpan.FromSeconds(1);
        return version;
    }

    /// <summary>kubectl delete: the version goes, and its runs with it (owner references).</summary>
    public void Delete(string name)
    {
        Versions.RemoveAll(v => v.Metadata.Name == name);
        Runs.Remove(name);
    }

    public PromptVersion Version(string name) => Versions.Single(v => v.Metadata.Name == name);

    public PromptVersionStatus Status(string name) => Version(name).Status!;

    public IReadOnlyList<EvaluationRun> RunsOf(string name) => Runs.GetValueOrDefault(name) ?? [];

    public PromptInputs Inputs() => new()
    {
        PromptName = Prompt,
        Namespace = Ns,
        Versions = [.. Versions],
        Runs = Runs.ToDictionary(p => p.Key, p => (IReadOnlyList<EvaluationRun>)[.. p.Value], StringComparer.Ordinal),
        Gates = Gates,
        Models = Models,
        DependentRunsAtOnce = DependentRunsAtOnce,
        Published = Published,
        Now = Now,
    };

    /// <summary>One reconcile of every version on the same snapshot, each applying its own part.</summary>
    public PromptPlan Reconcile()
    {
        var plan = PromptPlanner.Plan(Inputs());
        foreach (var version in Versions)
        {
            var mine = plan.Versions[version.Metadata.Name];
            var runs = Runs.TryGetValue(version.Metadata.Name, out var owned) ? owned : Runs[version.Metadata.Name] = [];
            runs.RemoveAll(r => mine.RunsToDelete.Contains(r.Metadata.Name));
            runs.AddRange(mine.RunsToCreate);
            if (version.Status is null || KubernetesJson.Serialize(mine.Status) != KubernetesJson.Serialize(version.Status))
            {
                version.Status = mine.Status;
                version.Metadata.ResourceVersion = NextResourceVersion();
            }

            (Events.TryGetValue(version.Metadata.Name, out var events) ? events : Events[version.Metadata.Name] = []).AddRange(mine.Events);
        }

        if (plan.Publication is { } publication)
        {
            Assert.Equal(Published?.Metadata.ResourceVersion, publication.ResourceVersion);
            Published = KubernetesJson.Deserialize<V1ConfigMap>(KubernetesJson.Serialize(publication.ConfigMap));
            Published.Metadata.ResourceVersion = NextResourceVersion();
            Publications++;
        }

        Last = plan;
        return plan;
    }

    /// <summary>Reconciles until nothing changes (at most 10 times), as watches would drive the operator.</summary>
    public PromptPlan Settle()
    {
        for (var i = 0; i < 10; i++)
        {
            var before = State();
            var plan = Reconcile();
            if (State() == before)
            {
                return plan;
            }
        }

        throw new InvalidOperationException("The prompt never settled: " + State());
    }

    /// <summary>Finishes every unfinished run of a version with a phase and verdict.</summary>
    public void FinishRuns(string version, EvaluationPhase phase, string verdict = "verdict", int attempts = GateRuns.MaxAttempts)
    {
        foreach (var run in RunsOf(version).Where(r => GateRuns.Outcome(r) == GateOutcome.Pending))
        {
            run.Status = new EvaluationRunStatus
            {
                Phase = phase,
                Verdict = verdict,
                Attempts = attempts,
                Summary = new EvaluationSummary { PassRate = phase == EvaluationPhase.Passed ? 1.0 : 0.2 },
            };
        }
    }

    /// <summary>The ConfigMap's prompt.json.</summary>
    public System.Text.Json.Nodes.JsonNode Document() =>
        System.Text.Json.Nodes.JsonNode.Parse(Published!.Data[PromptVersionNames.DocumentKey])!;

    public IEnumerable<string> EventReasons(string version) => Events.GetValueOrDefault(version)?.Select(e => e.Reason) ?? [];

    private string State() =>
        string.Join("|", Versions.Select(v => v.Status is null ? "" : KubernetesJson.Serialize(v.Status))) +
            AllRuns.Count() + "|" + Published?.Metadata.ResourceVersion;

    private string NextResourceVersion() => (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
