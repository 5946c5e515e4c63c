using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.PromptVersions.Planning;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// The PromptVersion health check on the statuses the operator's real prompt planner writes: an
/// evaluating version is Progressing, a rejected one Degraded, the active and superseded ones Healthy,
/// and Argo CD shows the planner's message.
/// </summary>
public sealed class PromptHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);
    private readonly List<PromptVersion> _versions = [];
    private readonly Dictionary<string, List<EvaluationRun>> _runs = new(StringComparer.Ordinal);

    [Fact]
    public void Each_phase_the_prompt_planner_writes_reads_as_argo_cd_should_show_it()
    {
        Commit(1, "{{ question }}", "support-quality");
        Plan();
        Assert.Equal(("Progressing", PromptPhase.Evaluating), Health("support-answer-v1"));

        Finish("support-answer-v1", EvaluationPhase.Passed);
        Plan();
        Assert.Equal(("Healthy", PromptPhase.Active), Health("support-answer-v1"));

        Commit(2, "Tell me about the product.", "support-quality");
        Plan();
        Finish("support-answer-v2", EvaluationPhase.Failed);
        Plan();
        Assert.Equal(("Degraded", PromptPhase.Rejected), Health("support-answer-v2"));
        Assert.Equal(("Healthy", PromptPhase.Active), Health("support-answer-v1"));

        Commit(3, "Please answer: {{ question }}", "not-there");
        Plan();
        Assert.Equal(("Progressing", PromptPhase.Pending), Health("support-answer-v3"));

        Commit(4, "Please answer: {{ question }}");
        Plan();
        Assert.Equal(("Healthy", PromptPhase.Active), Health("support-answer-v4"));
        Assert.Equal(("Healthy", PromptPhase.Superseded), Health("support-answer-v1"));
        Assert.Equal(("Healthy", PromptPhase.Superseded), Health("support-answer-v3"));
    }

    private (string? Status, PromptPhase? Phase) Health(string name)
    {
        var version = _versions.Single(v => v.Metadata.Name == name);
        var health = ArgoCdLua.Health(ArgoCdCustomizations.HealthScript("PromptVersion"), JsonNode.Parse(KubernetesJson.Serialize(version))!.AsObject());
        Assert.Equal(version.Status!.Message, health.Message);
        return (health.Status, version.Status.Phase);
    }

    private void Commit(int version, string user, params string[] gates) => _versions.Add(new PromptVersion
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"support-answer-v{version}",
            NamespaceProperty = "support",
            Uid = $"uid-{version}",
            Generation = 1,
            CreationTimestamp = Now.UtcDateTime.AddMinutes(version),
        },
        Spec = new PromptVersionSpec
        {
            PromptName = "support-answer",
            Version = version,
            Messages = [new PromptMessage { Role = MessageRole.User, Content = user }],
            Variables = [new PromptVariable { Name = "question" }],
            ModelRef = new LocalObjectReference { Name = "llama-chat" },
            Gates = [.. gates],
        },
    });

    // One reconcile of every version, each writing its own status and runs.
    private void Plan()
    {
        var plan = PromptPlanner.Plan(new PromptInputs
        {
            PromptName = "support-answer",
            Namespace = "support",
            Versions = _versions,
            Runs = _runs.ToDictionary(p => p.Key, p => (IReadOnlyList<EvaluationRun>)p.Value, StringComparer.Ordinal),
            Gates = new Dictionary<string, EvaluationGate>
            {
                ["support-quality"] = new()
                {
                    Metadata = new V1ObjectMeta { Name = "support-quality", NamespaceProperty = "support" },
                    Spec = new EvaluationGateSpec
                    {
                        Dataset = new Dataset
                        {
                            Cases = [new EvaluationCase { Id = "reset", Vars = new() { ["question"] = "How do I reset my password?" } }],
                        },
                    },
                },
            },
            Models = new Dictionary<string, ModelDeployment>
            {
                ["llama-chat"] = new()
                {
                    Metadata = new V1ObjectMeta { Name = "llama-chat", NamespaceProperty = "support" },
                    Status = new ModelDeploymentStatus
                    {
                        StableRevision = "6f9c2a1b0d",
                        Endpoint = "http://llama-chat.support.svc/v1",
                        ServedModel = "llama-chat",
                    },
                },
            },
            Now = Now,
        });
        foreach (var version in _versions)
        {
            var mine = plan.Versions[version.Metadata.Name];
            version.Status = mine.Status;
            (_runs.TryGetValue(version.Metadata.Name, out var runs) ? runs : _runs[version.Metadata.Name] = []).AddRange(mine.RunsToCreate);
        }
    }

    private void Finish(string version, EvaluationPhase phase)
    {
        foreach (var run in _runs[version])
        {
            run.Status = new EvaluationRunStatus { Phase = phase, Verdict = $"{phase}: the verdict.", Attempts = 1 };
        }
    }
}
