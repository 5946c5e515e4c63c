using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The lifecycle and outcome of an EvaluationRun.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationPhase>))]
public enum EvaluationPhase
{
    /// <summary>Created; its Job has not started.</summary>
    Pending,

    /// <summary>Its Job is running the cases.</summary>
    Running,

    /// <summary>The candidate met every threshold and did not regress.</summary>
    Passed,

    /// <summary>The candidate missed a threshold or regressed; the rollout aborts.</summary>
    Failed,

    /// <summary>Too few cases for the asked confidence; the step's onInconclusive decides.</summary>
    Inconclusive,

    /// <summary>The run could not finish (job crash, endpoint down); it is retried within a limit.</summary>
    Error,
}
