using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>
/// A Deployment's spec.strategy: Recreate, or RollingUpdate with its maxSurge and maxUnavailable
/// resolved against the replicas as Kubernetes resolves them (surge rounds up, unavailability down,
/// and when both come to 0 one pod may be unavailable).
/// </summary>
internal sealed class RolloutStrategy
{
    private readonly JsonNode? _maxSurge;
    private readonly JsonNode? _maxUnavailable;

    private RolloutStrategy(bool recreate, JsonNode? maxSurge, JsonNode? maxUnavailable)
    {
        IsRecreate = recreate;
        _maxSurge = maxSurge;
        _maxUnavailable = maxUnavailable;
    }

    /// <summary>Whether old pods are all stopped before new ones start.</summary>
    public bool IsRecreate { get; }

    /// <summary>The strategy of a Deployment (RollingUpdate with 25% and 25% when unset, as the API server defaults it).</summary>
    public static RolloutStrategy Of(JsonObject deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var strategy = deployment["spec"]?["strategy"];
        var rolling = strategy?["rollingUpdate"];
        return new RolloutStrategy(strategy?["type"]?.ToString() == "Recreate", rolling?["maxSurge"] ?? "25%", rolling?["maxUnavailable"] ?? "25%");
    }

    /// <summary>How many pods above the replicas may run during a rollout.</summary>
    public long MaxSurge(long replicas) => IsRecreate ? 0 : Fenceposts(replicas).Surge;

    /// <summary>How many of the replicas may be unavailable during a rollout.</summary>
    public long MaxUnavailable(long replicas) => IsRecreate || replicas == 0 ? 0 : Math.Min(replicas, Fenceposts(replicas).Unavailable);

    private (long Surge, long Unavailable) Fenceposts(long replicas)
    {
        var surge = Scaled(_maxSurge, replicas, roundUp: true);
        var unavailable = Scaled(_maxUnavailable, replicas, roundUp: false);
        return (surge, surge == 0 && unavailable == 0 ? 1 : unavailable);
    }

    private static long Scaled(JsonNode? value, long replicas, bool roundUp)
    {
        if (JsonKinds.TryGetInteger(value, out var count))
        {
            return count;
        }

        var text = value?.ToString() ?? "";
        if (!text.EndsWith('%') || !long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return 0;
        }

        var scaled = replicas * percent / 100.0;
        return (long)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }
}
