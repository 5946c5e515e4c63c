using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Live;

/// <summary>Where execution.load sends the gate's cases, and how fast.</summary>
/// <param name="Target">The model's main Service, called without retries: a failed request is part of what is measured.</param>
/// <param name="Settings">The rate and the most requests in flight.</param>
public sealed record LoadTarget(ICaseTarget Target, LoadSettings Settings);
