using System.Globalization;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// spec.rollout.maxSurge and maxUnavailable resolved against spec.replicas, as a Kubernetes Deployment resolves them (a surge
/// percentage rounded up, an unavailable one rounded down, one unavailable when both come to 0), and the replicas of the stable
/// and canary revisions on their way to a step's or a promotion's scale within them: together they never run more than
/// replicas + maxSurge pods, and the stable revision gives up a replica only for a ready canary replica that takes traffic,
/// or within maxUnavailable. Each plan starts from the canary's ready replicas as observed, so the next goes on from there.
/// </summary>
/// <param name="Replicas">spec.replicas.</param>
/// <param name="MaxSurge">Pods allowed above <paramref name="Replicas"/>.</param>
/// <param name="MaxUnavailable">Replicas that may be missing from what serves.</param>
internal readonly record struct SurgeLimits(int Replicas, int MaxSurge, int MaxUnavailable)
{
    /// <summary>The limits of a spec: by default 100% surge and none unavailable, the canary's replicas all beside the stable ones.</summary>
    public static SurgeLimits Of(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var replicas = spec.Replicas;
        var surge = Resolve(spec.Rollout?.MaxSurge, replicas, roundUp: true) ?? replicas;
        var unavailable = Resolve(spec.Rollout?.MaxUnavailable, replicas, roundUp: false) ?? 0;
        return new SurgeLimits(replicas, surge, surge == 0 && unavailable == 0 ? 1 : unavailable);
    }

    /// <summary>
    /// The replicas of each revision on the way to <paramref name="stable"/> and <paramref name="canary"/>, given the canary's
    /// ready replicas and whether it takes traffic (its ready replicas count as capacity only then). A canary that asks for
    /// more than the limits leave room for gets what they leave; a stable revision that keeps pods keeps at least one.
    /// </summary>
    public RevisionScale Toward(int stable, int canary, int canaryReady, bool canaryServes)
    {
        var ceiling = Replicas + MaxSurge;
        var keep = Math.Min(stable, 1);
        var target = Math.Max(0, Math.Min(canary, ceiling - Math.Max(keep, canaryServes ? 0 : Replicas - MaxUnavailable)));
        var floor = Math.Max(keep, Replicas - MaxUnavailable - (canaryServes ? canaryReady : 0));
        var stableNow = Math.Max(Math.Min(stable, ceiling - target), floor);
        return new RevisionScale(stableNow, Math.Min(target, ceiling - stableNow), target);
    }

    /// <summary>maxSurge and maxUnavailable as a user reads them, for messages.</summary>
    public override string ToString() => $"maxSurge {MaxSurge}, maxUnavailable {MaxUnavailable}";

    // A number, or a percentage of replicas; null when absent or unreadable (the CRD refuses those), which means the default.
    private static int? Resolve(IntOrString? value, int replicas, bool roundUp)
    {
        var text = value?.Value?.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        if (text is [.. var digits, '%'] && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            var share = replicas * percent / 100.0;
            return (int)(roundUp ? Math.Ceiling(share) : Math.Floor(share));
        }

        return null;
    }
}
