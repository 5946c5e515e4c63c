using System.Text;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Cli;

/// <summary>The LoRA adapters section of <c>llmop status</c>: each adapter's serving and candidate revisions, phase and message.</summary>
internal static class AdapterView
{
    /// <summary>Appends the section, when the ModelDeployment has adapters.</summary>
    public static void Render(StringBuilder text, IReadOnlyList<AdapterStatus>? adapters)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (adapters is not { Count: > 0 })
        {
            return;
        }

        text.Append("\nAdapters:\n");
        var table = new TextTable();
        table.Add("NAME", "PHASE", "SERVING", "CANDIDATE", "MESSAGE");
        foreach (var adapter in adapters)
        {
            var serving = adapter.Stable is { } stable
                ? $"{adapter.StableRevision} ({stable.Source}{(stable.Revision is null ? "" : "@" + stable.Revision)})"
                : "-";
            var candidate = adapter.CandidateRevision is { } revision ? $"{revision} as {adapter.CandidateModel}" : "-";
            table.Add(adapter.Name, adapter.Phase?.ToString() ?? "-", serving, candidate, adapter.Message ?? "-");
        }

        table.WriteTo(text, "  ");
    }
}
