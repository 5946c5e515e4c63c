using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>
/// A Deployment's status after a rollout step, as the Deployment controller reports it: counts summed
/// over its ReplicaSets' status, updatedReplicas from the new one, Available by maxUnavailable, and
/// Progressing with the real reasons (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated,
/// NewReplicaSetAvailable, DeploymentPaused, DeploymentResumed). Zero counts are left out, as the
/// API server's JSON leaves them out.
/// </summary>
internal static class DeploymentStatusCalculator
{
    private const string Progressing = "Progressing";
    private const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    private const string Paused = "DeploymentPaused";

    /// <summary>The status of <paramref name="deployment"/> once <paramref name="plan"/> is carried out.</summary>
    public static JsonObject Next(JsonObject deployment, RolloutPlan plan, string now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(plan);
        var desired = WorkloadFields.Replicas(deployment);
        var paused = WorkloadFields.IsPaused(deployment);
        var previous = deployment["status"] as JsonObject ?? [];
        var conditions = new DeploymentConditions(previous["conditions"]?.DeepClone() as JsonArray ?? [], now);
        var progressing = conditions.Get(Progressing)?["reason"]?.ToString();
        if (paused && progressing != Paused)
        {
            conditions.Set(Progressing, "Unknown", Paused, "Deployment is paused");
        }
        else if (!paused && progressing == Paused)
        {
            conditions.Set(Progressing, "Unknown", "DeploymentResumed", "Deployment is resumed");
        }

        var newName = plan.NewReplicaSet is { } newSet ? WorkloadFields.Name(newSet) : null;
        if (plan.Created is not null)
        {
            conditions.Set(Progressing, "True", "NewReplicaSetCreated", $"Created new replica set \"{newName}\"");
        }
        else if (newName is not null && conditions.Get(Progressing) is null)
        {
            conditions.Set(Progressing, "True", "FoundNewReplicaSet", $"Found new replica set \"{newName}\"");
        }

        var counts = new Counts(
            plan.ReplicaSets.Sum(rs => WorkloadFields.Status(rs, "replicas")),
            plan.NewReplicaSet is null ? 0 : WorkloadFields.Status(plan.NewReplicaSet, "replicas"),
            plan.ReplicaSets.Sum(rs => WorkloadFields.Status(rs, "readyReplicas")),
            plan.ReplicaSets.Sum(rs => WorkloadFields.Status(rs, "availableReplicas")));
        if (counts.Available >= desired - RolloutStrategy.Of(deployment).MaxUnavailable(desired))
        {
            conditions.Set("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
        }
        else
        {
            conditions.Set("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
        }

        // A finished rollout stays finished until a new ReplicaSet or old pods show up.
        var finished = counts.Replicas == counts.Updated && conditions.Get(Progressing)?["reason"]?.ToString() == NewReplicaSetAvailable;
        var subject = newName is null ? $"Deployment \"{WorkloadFields.Name(deployment)}\"" : $"ReplicaSet \"{newName}\"";
        if (!paused && !finished && counts.Updated == desired && counts.Replicas == desired && counts.Available == desired)
        {
            conditions.Set(Progressing, "True", NewReplicaSetAvailable, $"{subject} has successfully progressed.");
        }
        else if (!paused && !finished && counts.ProgressedSince(deployment))
        {
            conditions.Renew(Progressing, "True", "ReplicaSetUpdated", $"{subject} is progressing.");
        }

        var status = new JsonObject { ["observedGeneration"] = WorkloadFields.Generation(deployment) };
        AddCount(status, "replicas", counts.Replicas);
        AddCount(status, "updatedReplicas", counts.Updated);
        AddCount(status, "readyReplicas", counts.Ready);
        AddCount(status, "availableReplicas", counts.Available);
        AddCount(status, "unavailableReplicas", Math.Max(0, desired - counts.Available));
        if (conditions.Items.Count > 0)
        {
            status["conditions"] = conditions.Items;
        }

        return status;
    }

    private static void AddCount(JsonObject status, string field, long count)
    {
        if (count != 0)
        {
            status[field] = count;
        }
    }

    private sealed record Counts(long Replicas, long Updated, long Ready, long Available)
    {
        // More new pods, fewer old ones, or more ready or available than the Deployment's last status said.
        public bool ProgressedSince(JsonObject deployment)
        {
            long Before(string field) => WorkloadFields.Status(deployment, field);
            return Updated > Before("updatedReplicas")
                || Replicas - Updated < Before("replicas") - Before("updatedReplicas")
                || Ready > Before("readyReplicas")
                || Available > Before("availableReplicas");
        }
    }
}
