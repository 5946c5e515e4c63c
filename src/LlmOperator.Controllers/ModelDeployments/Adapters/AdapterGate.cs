namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// The status the planner decided for a pod's adapters readiness gate condition: True lets the kubelet mark the pod
/// Ready (and its Services send it requests), False keeps it out.
/// </summary>
/// <param name="Pod">The pod.</param>
/// <param name="ResourceVersion">The pod's resourceVersion the decision was made from: the write is pinned to it.</param>
/// <param name="Open">Whether the condition is True.</param>
/// <param name="Reason">Why, in one word.</param>
/// <param name="Message">Why, for kubectl describe pod.</param>
internal sealed record AdapterGate(string Pod, string? ResourceVersion, bool Open, string Reason, string Message);
