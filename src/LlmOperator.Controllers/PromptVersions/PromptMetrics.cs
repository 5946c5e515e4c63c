using System.Diagnostics.Metrics;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions;

/// <summary>
/// The prompt metrics, on the controllers' meter (<see cref="ControllerMeter"/>): every decision about
/// a prompt version by reason (PromptPromoted, PromptRejected, PromptReactivated, PromptPublished, ...).
/// </summary>
internal sealed class PromptMetrics
{
    private readonly Counter<long> _decisions;

    /// <summary>Creates the instruments.</summary>
    public PromptMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ControllerMeter.Name);
        _decisions = meter.CreateCounter<long>(
            "llmop.prompt.decisions",
            "{decision}",
            "Prompt version decisions by reason (PromptPromoted, PromptRejected, PromptReactivated, ...).");
    }

    /// <summary>Counts a decision about a version of a prompt.</summary>
    public void Decision(string ns, string prompt, string reason) =>
        _decisions.Add(1, new("k8s.namespace.name", ns), new("llmop.prompt", prompt), new("reason", reason));
}
