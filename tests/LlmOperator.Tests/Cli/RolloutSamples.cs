using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Tests.Cli;

/// <summary>ModelDeployments in the states a rollout command meets, with the objects the operator would own.</summary>
internal static class RolloutSamples
{
    public static readonly DateTime Start = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A ModelDeployment with five steps (spec only, as Git has it).</summary>
    public static ModelDeployment Model(string ns, string name = "chat") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = "meta-llama/Llama-3.1-8B-Instruct", ServedName = "llama-chat" },
            Engine = InferenceEngine.Mock,
            Replicas = 3,
            Rollout = new RolloutStrategy
            {
                Steps =
                [
                    new RolloutStep { SetWeight = 10 },
                    new RolloutStep { Evaluate = new EvaluateStep { Gates = ["support-quality"] } },
                    new RolloutStep { SetWeight = 50 },
                    new RolloutStep { Pause = new PauseStep() },
                    new RolloutStep { SetCanaryScale = new SetCanaryScaleStep { Replicas = 2 } },
                ],
            },
        },
    };

    /// <summary>Healthy on revision 5c4a: no rollout in progress.</summary>
    public static ModelDeploymentStatus Healthy() => new()
    {
        ObservedGeneration = 1,
        Phase = RolloutPhase.Healthy,
        Message = "Revision 5c4a (meta-llama/Llama-3.1-8B-Instruct) is promoted and serves all traffic.",
        StableRevision = "5c4a",
        Endpoint = "http://chat.team-a.svc:8000/v1",
        ServedModel = "llama-chat",
        History =
        [
            new RolloutHistoryEntry
            {
                Revision = "5c4a",
                Model = "meta-llama/Llama-3.1-8B-Instruct",
                Result = RolloutResult.Promoted,
                Time = Start.AddDays(-2),
                Message = "every step passed",
            },
        ],
        Conditions =
        [
            new Condition
            {
                Type = ConditionTypes.Available,
                Status = ConditionStatus.True,
                Reason = "StableReady",
                Message = "3 of 3 replicas ready",
                LastTransitionTime = Start.AddDays(-2),
                ObservedGeneration = 1,
            },
        ],
    };

    /// <summary>Revision 7d9f paused at step 2 (index 1): its evaluation was inconclusive.</summary>
    public static ModelDeploymentStatus PausedOnEvaluation()
    {
        var status = Healthy();
        status.Phase = RolloutPhase.Paused;
        status.Message = "Step 2 of 5: gate support-quality was inconclusive: 12 cases are too few for 95% confidence. "
            + "llmop promote continues, llmop abort rolls back.";
        status.CanaryRevision = "7d9f";
        status.CurrentStepIndex = 1;
        status.CanaryWeight = 10;
        status.Attempt = 1;
        status.RolloutStartedAt = Start;
        status.ControllerPause = true;
        status.PauseConditions = [new PauseCondition { Reason = PauseReason.InconclusiveEvaluation, StartTime = Start.AddMinutes(4) }];
        status.CurrentEvaluation = new EvaluationReference
        {
            Name = "chat-7d9f-1-s1-support-quality",
            Phase = EvaluationPhase.Inconclusive,
            Verdict = "12 cases are too few for 95% confidence",
            PassRate = 0.875,
            Scores = new Dictionary<string, double> { ["faithfulness"] = 0.88, ["accuracy"] = 0.913 },
        };
        status.Conditions!.Add(new Condition
        {
            Type = ConditionTypes.Paused,
            Status = ConditionStatus.True,
            Reason = "InconclusiveEvaluation",
            Message = "waiting for llmop promote",
            LastTransitionTime = Start.AddMinutes(4),
            ObservedGeneration = 1,
        });
        return status;
    }

    /// <summary>Revision 7d9f at step 3 (index 2), not paused.</summary>
    public static ModelDeploymentStatus Progressing()
    {
        var status = PausedOnEvaluation();
        status.Phase = RolloutPhase.Progressing;
        status.Message = "Step 3 of 5: waiting for the canary of revision 7d9f to be ready.";
        status.CurrentStepIndex = 2;
        status.PauseConditions = null;
        status.ControllerPause = null;
        status.Conditions!.RemoveAll(c => c.Type == ConditionTypes.Paused);
        return status;
    }

    /// <summary>Revision 7d9f aborted by a failed evaluation at step 2.</summary>
    public static ModelDeploymentStatus Aborted()
    {
        var status = PausedOnEvaluation();
        status.Phase = RolloutPhase.Degraded;
        status.Message = "Rollout of revision 7d9f aborted: gate support-quality failed: pass rate 61% is below 80%. "
            + "Revision 5c4a serves all traffic; llmop retry rolls out again.";
        status.Abort = true;
        status.AbortedAt = Start.AddMinutes(6);
        status.CanaryWeight = 0;
        status.PauseConditions = null;
        status.ControllerPause = null;
        status.CurrentEvaluation!.Phase = EvaluationPhase.Failed;
        status.CurrentEvaluation.Verdict = "pass rate 61% is below 80%";
        status.History!.Insert(0, new RolloutHistoryEntry
        {
            Revision = "7d9f",
            Model = "meta-llama/Llama-3.1-8B-Instruct",
            Result = RolloutResult.Aborted,
            Time = Start.AddMinutes(6),
            Message = "gate support-quality failed",
        });
        status.Conditions!.RemoveAll(c => c.Type == ConditionTypes.Paused);
        return status;
    }

    /// <summary>The labels the operator puts on what a ModelDeployment owns.</summary>
    public static Dictionary<string, string> Labels(string model, string? revision = null)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "llm-operator", ["llmoperator.io/model"] = model };
        if (revision is not null)
        {
            labels["llmoperator.io/revision"] = revision;
        }

        return labels;
    }

    /// <summary>The Deployment of a revision.</summary>
    public static V1Deployment Deployment(string ns, string model, string revision, int replicas, int ready, DateTime created) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = $"{model}-{revision}", NamespaceProperty = ns, Labels = Labels(model, revision), CreationTimestamp = created },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = $"{model}-{revision}" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = $"{model}-{revision}" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "server", Image = "vllm/vllm-openai:v0.6.3" }] },
            },
        },
        Status = new V1DeploymentStatus { Replicas = replicas, ReadyReplicas = ready },
    };

    /// <summary>An EvaluationRun of a gate against a revision.</summary>
    public static EvaluationRun Run(
        string ns,
        string model,
        string name,
        string revision,
        DateTime created,
        EvaluationPhase? phase = null,
        string? verdict = null,
        double? passRate = null)
    {
        var run = new EvaluationRun
        {
            Spec = new EvaluationRunSpec
            {
                Target = new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = model, Revision = revision },
                Gate = new GateSnapshot
                {
                    Name = "support-quality",
                    Hash = new string('a', 64),
                    Spec = new EvaluationGateSpec
                    {
                        Dataset = new Dataset { ConfigMapRef = new ConfigMapKeyReference { Name = "cases", Key = "cases.jsonl" } },
                    },
                },
                Candidate = new RunEndpoint { Url = "http://chat-canary.team-a.svc:8000/v1", Model = "llama-chat", Revision = revision },
                Seed = 7,
            },
            Status = phase is null
                ? null
                : new EvaluationRunStatus
                {
                    Phase = phase,
                    Verdict = verdict,
                    Summary = passRate is null ? null : new EvaluationSummary { PassRate = passRate },
                },
        };
        run.Metadata.Name = name;
        run.Metadata.NamespaceProperty = ns;
        run.Metadata.Labels = Labels(model, revision);
        run.Metadata.CreationTimestamp = created;
        return run;
    }
}
