using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// Replicas of the stable and canary revisions at a step of a rollout. Without a Gateway API route,
/// traffic follows replicas behind the main Service, so the stable revision gives up what the canary
/// takes; with a route, the stable revision keeps its full size and the route's weights split traffic.
/// A canary always runs at least one pod, so that it can be evaluated before it takes any traffic.
/// </summary>
public static class CanaryScaling
{
    /// <summary>The weight in effect at a step: the last setWeight before it.</summary>
    public static int WeightBefore(IReadOnlyList<RolloutStep> steps, int index) =>
        steps.Take(index).LastOrDefault(s => s.SetWeight is not null)?.SetWeight ?? 0;

    /// <summary>The canary scale in effect at a step: the last setCanaryScale before it, unless that one matches the traffic weight again.</summary>
    public static SetCanaryScaleStep? ScaleBefore(IReadOnlyList<RolloutStep> steps, int index) =>
        steps.Take(index).LastOrDefault(s => s.SetCanaryScale is not null)?.SetCanaryScale is { MatchTrafficWeight: not true } scale ? scale : null;

    /// <summary>Stable and canary replicas for a weight (0 to 100).</summary>
    public static (int Stable, int Canary) At(ModelDeploymentSpec spec, int weight, SetCanaryScaleStep? scale, bool viaGateway)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var total = spec.Replicas;
        if (total == 0)
        {
            return (0, 0);
        }

        var canary = scale switch
        {
            { Replicas: { } replicas } => replicas,
            { Weight: { } percent } => Share(total, percent),
            _ => Share(total, weight),
        };
        canary = Math.Max(canary, 1);
        var stable = viaGateway || weight == 0 ? total : Math.Max(total - canary, weight >= 100 ? 0 : 1);
        return (stable, canary);
    }

    private static int Share(int total, int percent) => (int)Math.Ceiling(total * percent / 100.0);
}
