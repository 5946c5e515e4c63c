namespace LlmOperator.Api.V1Alpha1;

/// <summary>The outcome of one past rollout.</summary>
public sealed class RolloutHistoryEntry
{
    /// <summary>The revision that was rolled out.</summary>
    public string Revision { get; set; } = "";

    /// <summary>The model name of that revision.</summary>
    public string? Model { get; set; }

    /// <summary>How the rollout ended.</summary>
    public RolloutResult Result { get; set; }

    /// <summary>When it ended.</summary>
    public DateTime Time { get; set; }

    /// <summary>Why it ended that way, for example the failing metric.</summary>
    public string? Message { get; set; }
}
