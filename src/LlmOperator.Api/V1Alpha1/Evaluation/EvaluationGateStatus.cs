using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Whether a gate is usable.</summary>
public sealed class EvaluationGateStatus
{
    /// <summary>The generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>How many cases the dataset holds.</summary>
    public int? CaseCount { get; set; }

    /// <summary>The SHA-256 of the dataset as last read.</summary>
    public string? DatasetHash { get; set; }

    /// <summary>Ready: the dataset parses and every reference resolves.</summary>
    [ListMap("type")]
    public List<Condition>? Conditions { get; set; }
}
