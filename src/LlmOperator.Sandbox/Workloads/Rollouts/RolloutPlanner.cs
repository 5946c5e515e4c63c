using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>
/// Decides, from a Deployment and the ReplicaSets it controls, what kube-controller-manager's Deployment
/// controller would do next: find or create the ReplicaSet of the current template (named after its
/// hash, with the next revision; a rollback gives an old one the next revision and records its old one
/// in the revision history), scale it and the old ones, and prune old ones beyond revisionHistoryLimit.
/// RollingUpdate scales the new ReplicaSet to the replicas at once and the old ones to 0 once the new
/// one's pods are available (maxSurge and maxUnavailable only go into annotations and conditions);
/// Recreate scales the old ones to 0 and starts the new one when their pods are gone; a paused
/// Deployment only has its one active ReplicaSet scaled.
/// </summary>
internal sealed class RolloutPlanner
{
    private readonly JsonObject _deployment;
    private readonly long _desired;
    private readonly long _maxReplicas;
    private readonly List<JsonObject> _changed = [];
    private readonly List<string> _scalings = [];

    private RolloutPlanner(JsonObject deployment)
    {
        _deployment = deployment;
        _desired = WorkloadFields.Replicas(deployment);
        _maxReplicas = _desired + RolloutStrategy.Of(deployment).MaxSurge(_desired);
    }

    /// <summary>The next step for a Deployment, given the live ReplicaSets it controls (neither is changed).</summary>
    public static RolloutPlan Plan(JsonObject deployment, IReadOnlyList<JsonObject> replicaSets)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(replicaSets);
        return new RolloutPlanner(deployment).PlanFor(replicaSets);
    }

    private RolloutPlan PlanFor(IReadOnlyList<JsonObject> replicaSets)
    {
        var template = _deployment["spec"]?["template"];
        var sets = replicaSets
            .Select(rs => rs.DeepClone().AsObject())
            .OrderBy(rs => rs["metadata"]?["creationTimestamp"]?.ToString(), StringComparer.Ordinal)
            .ThenBy(WorkloadFields.Name, StringComparer.Ordinal)
            .ToList();
        var canonical = PodTemplateHash.Canonical(template);
        var current = sets.FirstOrDefault(rs => PodTemplateHash.Canonical(rs["spec"]?["template"]) == canonical);
        var old = sets.Where(rs => rs != current).ToList();
        var revision = old.Select(WorkloadFields.Revision).DefaultIfEmpty(0).Max() + 1;
        if (current is not null && SyncAnnotations(current, revision))
        {
            MarkChanged(current);
        }

        JsonObject? created = null;
        if (WorkloadFields.IsPaused(_deployment))
        {
            if (ActiveOrLatest(current, old) is { } only)
            {
                Scale(only, _desired);
            }
        }
        else if (RolloutStrategy.Of(_deployment).IsRecreate)
        {
            old.ForEach(rs => Scale(rs, 0));
            if (old.All(rs => WorkloadFields.Status(rs, "replicas") == 0))
            {
                created = current is null ? Create(revision) : null;
                Scale(current ?? created!, _desired);
            }
        }
        else
        {
            created = current is null ? Create(revision) : null;
            Scale(current ?? created!, _desired);
            if (WorkloadFields.Status(current ?? created!, "availableReplicas") >= _desired)
            {
                old.ForEach(rs => Scale(rs, 0));
            }
        }

        var newReplicaSet = current ?? created;
        return new RolloutPlan(created, [.. _changed.Where(rs => rs != created)], Prune(old), _scalings, newReplicaSet,
            [.. sets, .. created is null ? Array.Empty<JsonObject>() : [created]]);
    }

    // The new ReplicaSet at 0 replicas; Scale brings it to the replicas and records the event.
    private JsonObject Create(long revision)
    {
        var hash = PodTemplateHash.Of(_deployment["spec"]?["template"]);
        var template = _deployment["spec"]?["template"]?.DeepClone() as JsonObject ?? [];
        var templateMeta = template["metadata"] as JsonObject ?? [];
        template["metadata"] = templateMeta;
        var labels = templateMeta["labels"] as JsonObject ?? [];
        templateMeta["labels"] = labels;
        labels[PodTemplateHash.Label] = hash;
        var selector = _deployment["spec"]?["selector"]?.DeepClone() as JsonObject ?? [];
        var matchLabels = selector["matchLabels"] as JsonObject ?? [];
        selector["matchLabels"] = matchLabels;
        matchLabels[PodTemplateHash.Label] = hash;
        var metadata = _deployment["metadata"]!;
        var replicaSet = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{metadata["name"]}-{hash}",
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject(),
                ["ownerReferences"] = new JsonArray(ControllerReferences.To(_deployment, "apps/v1", "Deployment")),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        if (_deployment["spec"]?["minReadySeconds"] is { } minReadySeconds)
        {
            replicaSet["spec"]!["minReadySeconds"] = minReadySeconds.DeepClone();
        }

        SyncAnnotations(replicaSet, revision);
        SetReplicasAnnotations(replicaSet);
        return replicaSet;
    }

    // Copies the Deployment's own annotations (change-cause...) and moves the revision forward, keeping the one it replaces.
    private bool SyncAnnotations(JsonObject replicaSet, long revision)
    {
        var annotations = WorkloadFields.Annotations(replicaSet);
        var before = annotations.ToJsonString();
        var source = _deployment["metadata"]?["annotations"] as JsonObject ?? [];
        foreach (var (key, value) in source.Where(a => DeploymentAnnotations.IsCopied(a.Key)))
        {
            annotations[key] = value?.DeepClone();
        }

        var previous = WorkloadFields.Annotation(replicaSet, DeploymentAnnotations.Revision);
        if (WorkloadFields.Revision(replicaSet) < revision)
        {
            annotations[DeploymentAnnotations.Revision] = revision.ToString(CultureInfo.InvariantCulture);
            if (previous is not null)
            {
                RecordHistory(annotations, previous);
            }
        }

        return before != annotations.ToJsonString();
    }

    private static void RecordHistory(JsonObject annotations, string previous)
    {
        var history = annotations[DeploymentAnnotations.RevisionHistory]?.ToString() ?? "";
        if (history.Length == 0)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = previous;
            return;
        }

        // The oldest entries go first when the history would grow past its limit.
        var entries = history.Split(',');
        var length = history.Length + previous.Length + 1;
        var start = 0;
        for (; length > DeploymentAnnotations.RevisionHistoryLimitInChars && start < entries.Length; start++)
        {
            length -= entries[start].Length + 1;
        }

        if (length <= DeploymentAnnotations.RevisionHistoryLimitInChars)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = string.Join(',', entries[start..].Append(previous));
        }
    }

    private void Scale(JsonObject replicaSet, long replicas)
    {
        var from = WorkloadFields.Replicas(replicaSet);
        if (from == replicas)
        {
            return;
        }

        replicaSet["spec"]!["replicas"] = replicas;
        SetReplicasAnnotations(replicaSet);
        MarkChanged(replicaSet);
        _scalings.Add($"Scaled {(from < replicas ? "up" : "down")} replica set {WorkloadFields.Name(replicaSet)} from {from} to {replicas}");
    }

    private void SetReplicasAnnotations(JsonObject replicaSet)
    {
        var annotations = WorkloadFields.Annotations(replicaSet);
        annotations[DeploymentAnnotations.DesiredReplicas] = _desired.ToString(CultureInfo.InvariantCulture);
        annotations[DeploymentAnnotations.MaxReplicas] = _maxReplicas.ToString(CultureInfo.InvariantCulture);
    }

    private void MarkChanged(JsonObject replicaSet)
    {
        if (!_changed.Contains(replicaSet))
        {
            _changed.Add(replicaSet);
        }
    }

    // The one ReplicaSet with pods, or the newest when none has any; null when several have (a rollout was paused midway).
    private static JsonObject? ActiveOrLatest(JsonObject? current, List<JsonObject> old)
    {
        var active = old.Append(current).OfType<JsonObject>().Where(rs => WorkloadFields.Replicas(rs) > 0).ToList();
        return active.Count switch
        {
            0 => current ?? old.LastOrDefault(),
            1 => active[0],
            _ => null,
        };
    }

    // The oldest revisions beyond the limit, once they are scaled to 0 and have no pods left.
    private List<string> Prune(List<JsonObject> old)
    {
        var limit = JsonKinds.TryGetInteger(_deployment["spec"]?["revisionHistoryLimit"], out var kept) ? kept : 10;
        return [.. old
            .OrderBy(WorkloadFields.Revision)
            .Take(Math.Max(0, old.Count - (int)Math.Min(limit, int.MaxValue)))
            .Where(rs => WorkloadFields.Replicas(rs) == 0 && WorkloadFields.Status(rs, "replicas") == 0
                && WorkloadFields.Status(rs, "observedGeneration") >= WorkloadFields.Generation(rs))
            .Select(WorkloadFields.Name)];
    }
}
