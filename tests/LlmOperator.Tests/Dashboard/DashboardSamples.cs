using LlmOperator.Api.V1Alpha1;
using LlmOperator.Tests.Cli;

namespace LlmOperator.Tests.Dashboard;

/// <summary>Statuses with a drift history, for the dashboard's pages.</summary>
internal static class DashboardSamples
{
    /// <summary>
    /// Healthy on revision 5c4a released at the start, with five hourly scheduled runs of support-quality
    /// (newest first, as the operator keeps them), the last two drifted, and a fallback serving since the last.
    /// </summary>
    public static ModelDeploymentStatus Drifting()
    {
        var status = RolloutSamples.Healthy();
        status.History![0].Time = RolloutSamples.Start;
        double[] rates = [0.93, 0.92, 0.9, 0.71, 0.64];
        status.ScheduledVerdicts =
        [
            .. rates.Select((rate, i) => new ScheduledVerdict
            {
                Gate = "support-quality",
                Run = $"chat-5c4a-scheduled-{i + 1}",
                Revision = "5c4a",
                Time = RolloutSamples.Start.AddHours(i + 1),
                Phase = i < 3 ? EvaluationPhase.Passed : EvaluationPhase.Failed,
                PassRate = rate,
                PassRateLower = rate - 0.06,
                PassRateUpper = Math.Min(1, rate + 0.04),
                Drifted = i >= 3,
            }).Reverse(),
        ];
        status.ServingFallback = new ServingFallbackStatus
        {
            Name = "hosted-gpt",
            Revision = "a1b2",
            ServedModel = "gpt-4o-mini",
            Replacing = "5c4a",
            Since = RolloutSamples.Start.AddHours(5),
        };
        return status;
    }

    /// <summary>A pipeline that classifies with router-small, then answers with chat through the prompt support.</summary>
    public static PipelineSpec Pipeline() => new()
    {
        Steps =
        [
            new PipelineStep { Name = "classify", Call = new PipelineCall { ModelRef = new LocalObjectReference { Name = "router-small" } } },
            new PipelineStep
            {
                Name = "answer",
                Call = new PipelineCall { ModelRef = new LocalObjectReference { Name = "chat" }, PromptRef = new PromptReference { Name = "support" } },
            },
        ],
    };

    /// <summary>Version <paramref name="version"/> of the prompt support for chat, in <paramref name="phase"/>.</summary>
    public static PromptVersion Prompt(string ns, int version, PromptPhase phase, string? message = null) => new()
    {
        ApiVersion = "llmoperator.io/v1alpha1",
        Kind = "PromptVersion",
        Metadata = new k8s.Models.V1ObjectMeta { Name = $"support-v{version}", NamespaceProperty = ns },
        Spec = new PromptVersionSpec
        {
            PromptName = "support",
            Version = version,
            ModelRef = new LocalObjectReference { Name = "chat" },
            Messages = [new PromptMessage { Role = MessageRole.User, Content = "{{ question }}" }],
        },
        Status = new PromptVersionStatus { Phase = phase, Message = message },
    };
}
