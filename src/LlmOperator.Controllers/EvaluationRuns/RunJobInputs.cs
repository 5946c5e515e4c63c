using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>Everything the <see cref="RunJobPlanner"/> decides a run from.</summary>
internal sealed record RunJobInputs
{
    /// <summary>The run as read (spec, status, generation).</summary>
    public required EvaluationRun Run { get; init; }

    /// <summary>The Jobs it owns, by name.</summary>
    public IReadOnlyDictionary<string, JobObservation> Jobs { get; init; } = new Dictionary<string, JobObservation>();

    /// <summary>What the current attempt's Job reported, read once that Job has ended; null before.</summary>
    public JobReport? Report { get; init; }

    /// <summary>How evaluation Jobs are made, and how many may run at once.</summary>
    public required EvaluationJobSettings Settings { get; init; }

    /// <summary>The Secret keys its Job gets as environment variables (<see cref="RunSecrets"/>).</summary>
    public IReadOnlyList<SecretKeyReference> Secrets { get; init; } = [];

    /// <summary>How many other runs are in flight (an attempt started, no outcome yet).</summary>
    public int OthersInFlight { get; init; }

    /// <summary>Now.</summary>
    public required DateTimeOffset Now { get; init; }
}
