using k8s.Models;
using LlmOperator.Pipelines.Serving;

namespace LlmOperator.Controllers.ModelDeployments.Pipelines;

/// <summary>
/// Whether a pipeline's revision can be served: the router configuration to serve it with, or why not.
/// A problem that time may solve (a component not ready yet) waits; the others degrade.
/// </summary>
/// <param name="Configuration">What llmop router serves, when every component is found.</param>
/// <param name="Reason">Why it cannot be served, as a condition reason.</param>
/// <param name="Message">What is wrong, naming the component or the step.</param>
/// <param name="Waiting">Whether the problem is one of time (Progressing) rather than of the spec (Degraded).</param>
internal sealed record PipelineResolution(RouterConfiguration? Configuration, string? Reason = null, string? Message = null, bool Waiting = false)
{
    /// <summary>The environment of the router pods that carries the components' API keys, from their Secrets.</summary>
    public IReadOnlyList<V1EnvVar> Keys { get; init; } = [];

    public static PipelineResolution Problem(string reason, string message, bool waiting = false) => new(null, reason, message, waiting);
}
