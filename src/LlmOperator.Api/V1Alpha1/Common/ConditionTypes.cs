namespace LlmOperator.Api.V1Alpha1;

/// <summary>The condition types the operator writes.</summary>
public static class ConditionTypes
{
    /// <summary>The stable revision serves traffic.</summary>
    public const string Available = "Available";

    /// <summary>A rollout is moving forward.</summary>
    public const string Progressing = "Progressing";

    /// <summary>The object cannot reach its desired state without someone acting (an abort, a bad reference).</summary>
    public const string Degraded = "Degraded";

    /// <summary>A rollout waits for time to pass or for a promotion.</summary>
    public const string Paused = "Paused";

    /// <summary>The latest evaluations of the object passed their gates.</summary>
    public const string EvaluationsPassing = "EvaluationsPassing";

    /// <summary>A drifted ModelDeployment serves its fallback; when False, the reason says why not (no drift, or what is wrong with it).</summary>
    public const string ServingFallback = "ServingFallback";

    /// <summary>Every ready pod of a ModelDeployment with adapters has the adapters it should serve loaded; when False, the reason says what failed.</summary>
    public const string AdaptersLoaded = "AdaptersLoaded";

    /// <summary>The object is valid and everything it refers to resolves; for a PromptVersion, it is the active version.</summary>
    public const string Ready = "Ready";
}
