using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Workloads.Rollouts;

namespace LlmOperator.Sandbox.Tests.Workloads;

public class RolloutPlannerTests
{
    private const string Now = "2026-01-01T00:00:00Z";

    private static JsonObject Deployment(string image, int replicas = 2, int revisionHistoryLimit = 10, string? changeCause = null) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = "web",
            ["namespace"] = "ns",
            ["uid"] = "deploy-uid",
            ["generation"] = 1,
            ["annotations"] = new JsonObject
            {
                ["kubectl.kubernetes.io/last-applied-configuration"] = "{}",
                ["kubernetes.io/change-cause"] = changeCause ?? image,
            },
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["revisionHistoryLimit"] = revisionHistoryLimit,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            ["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
            },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "server", ["image"] = image }) },
            },
        },
    };

    // The ReplicaSet as the API server and the ReplicaSet controller would have it once its pods are up.
    private static JsonObject Live(JsonObject planned, string created, int pods)
    {
        var live = planned.DeepClone().AsObject();
        live["metadata"]!["creationTimestamp"] = created;
        live["metadata"]!["generation"] = 1;
        live["status"] = new JsonObject { ["replicas"] = pods, ["readyReplicas"] = pods, ["availableReplicas"] = pods, ["observedGeneration"] = 1 };
        return live;
    }

    private static string? Annotation(JsonObject obj, string key) => obj["metadata"]?["annotations"]?[key]?.ToString();

    private static long Replicas(JsonObject obj) => (long)obj["spec"]!["replicas"]!;

    [Fact]
    public void A_first_rollout_creates_a_replica_set_named_after_the_template_hash_with_revision_1()
    {
        var plan = RolloutPlanner.Plan(Deployment("nginx:1.26"), []);

        var created = Assert.IsType<JsonObject>(plan.Created);
        var hash = PodTemplateHash.Of(Deployment("nginx:1.26")["spec"]!["template"]);
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", hash);
        Assert.Equal($"web-{hash}", (string)created["metadata"]!["name"]!);
        Assert.Equal(2, Replicas(created));
        Assert.Equal(hash, (string)created["spec"]!["selector"]!["matchLabels"]!["pod-template-hash"]!);
        Assert.Equal(hash, (string)created["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"]!);
        Assert.Equal(hash, (string)created["metadata"]!["labels"]!["pod-template-hash"]!);
        Assert.Equal(
            """{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"deploy-uid","controller":true,"blockOwnerDeletion":true}""",
            created["metadata"]!["ownerReferences"]![0]!.ToJsonString());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["kubernetes.io/change-cause"] = "nginx:1.26",
                ["deployment.kubernetes.io/revision"] = "1",
                ["deployment.kubernetes.io/desired-replicas"] = "2",
                ["deployment.kubernetes.io/max-replicas"] = "3",
            },
            created["metadata"]!["annotations"]!.AsObject().ToDictionary(a => a.Key, a => a.Value!.ToString()));
        Assert.Equal([$"Scaled up replica set web-{hash} from 0 to 2"], plan.Scalings);
        Assert.Equal("1", plan.Revision);
    }

    [Fact]
    public void A_new_template_gets_the_next_revision_and_old_pods_go_only_once_the_new_ones_are_available()
    {
        var first = Live(RolloutPlanner.Plan(Deployment("nginx:1.26"), []).Created!, "2026-01-01T00:00:00Z", pods: 2);
        var updated = Deployment("nginx:1.27");

        var rolling = RolloutPlanner.Plan(updated, [first]);
        var second = Live(rolling.Created!, "2026-01-01T00:01:00Z", pods: 2);
        var finishing = RolloutPlanner.Plan(updated, [first, second]);

        Assert.Equal("2", Annotation(rolling.Created!, DeploymentAnnotations.Revision));
        Assert.Empty(rolling.Changed);
        Assert.Equal("2", rolling.Revision);
        var scaledDown = Assert.Single(finishing.Changed);
        Assert.Equal((first["metadata"]!["name"]!.ToString(), 0L), (scaledDown["metadata"]!["name"]!.ToString(), Replicas(scaledDown)));
        Assert.Equal([$"Scaled down replica set {first["metadata"]!["name"]} from 2 to 0"], finishing.Scalings);
    }

    [Fact]
    public void A_rollback_reuses_the_old_replica_set_as_the_next_revision_and_keeps_its_old_one_in_the_history()
    {
        var first = Live(RolloutPlanner.Plan(Deployment("nginx:1.26"), []).Created!, "2026-01-01T00:00:00Z", pods: 0);
        first["spec"]!["replicas"] = 0;
        var second = Live(RolloutPlanner.Plan(Deployment("nginx:1.27"), [first]).Created!, "2026-01-01T00:01:00Z", pods: 2);

        // kubectl rollout undo copies the template from the ReplicaSet through Go types: without the hash
        // label, with creationTimestamp: null and empty resources.
        var undone = Deployment("nginx:1.26", changeCause: "undo");
        var template = first["spec"]!["template"]!.DeepClone().AsObject();
        template["metadata"]!["labels"]!.AsObject().Remove("pod-template-hash");
        template["metadata"]!["creationTimestamp"] = null;
        template["spec"]!["containers"]![0]!["resources"] = new JsonObject();
        undone["spec"]!["template"] = template;
        var plan = RolloutPlanner.Plan(undone, [first, second]);

        Assert.Null(plan.Created);
        var reused = Assert.Single(plan.Changed);
        Assert.Equal(first["metadata"]!["name"]!.ToString(), reused["metadata"]!["name"]!.ToString());
        Assert.Equal(("3", "1", "undo"), (
            Annotation(reused, DeploymentAnnotations.Revision), Annotation(reused, DeploymentAnnotations.RevisionHistory),
            Annotation(reused, "kubernetes.io/change-cause")));
        Assert.Equal(2, Replicas(reused));
        Assert.Equal("3", plan.Revision);
    }

    [Fact]
    public void Old_replica_sets_beyond_the_history_limit_are_pruned_oldest_first_once_they_have_no_pods()
    {
        var sets = Enumerable.Range(1, 4).Select(i =>
        {
            var set = Live(RolloutPlanner.Plan(Deployment($"nginx:1.{i}"), []).Created!, $"2026-01-01T00:0{i}:00Z", pods: i == 2 ? 1 : 0);
            set["spec"]!["replicas"] = i == 2 ? 1 : 0;
            set["metadata"]!["annotations"]![DeploymentAnnotations.Revision] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return set;
        }).ToList();
        var current = Live(RolloutPlanner.Plan(Deployment("nginx:2.0"), []).Created!, "2026-01-01T00:05:00Z", pods: 1);
        current["metadata"]!["annotations"]![DeploymentAnnotations.Revision] = "5";

        var plan = RolloutPlanner.Plan(Deployment("nginx:2.0", replicas: 1, revisionHistoryLimit: 1), [.. sets, current]);

        // Revisions 1 to 3 are beyond the one kept; 2 still has a pod.
        Assert.Equal([sets[0]["metadata"]!["name"]!.ToString(), sets[2]["metadata"]!["name"]!.ToString()], plan.Pruned);
    }

    [Fact]
    public void A_paused_deployment_creates_no_replica_set_for_a_new_template_but_still_scales_the_current_one()
    {
        var first = Live(RolloutPlanner.Plan(Deployment("nginx:1.26"), []).Created!, "2026-01-01T00:00:00Z", pods: 2);
        var paused = Deployment("nginx:1.27", replicas: 3);
        paused["spec"]!["paused"] = true;

        var plan = RolloutPlanner.Plan(paused, [first]);
        var status = DeploymentStatusCalculator.Next(paused, plan, Now);

        Assert.Null(plan.Created);
        Assert.Equal(3, Replicas(Assert.Single(plan.Changed)));
        Assert.Null(plan.NewReplicaSet);
        var progressing = status["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "Progressing")!;
        Assert.Equal(
            ("Unknown", "DeploymentPaused", "Deployment is paused"),
            ((string)progressing["status"]!, (string)progressing["reason"]!, (string)progressing["message"]!));
    }

    [Fact]
    public void Recreate_scales_the_old_replica_set_to_zero_and_starts_the_new_one_once_its_pods_are_gone()
    {
        var first = Live(RolloutPlanner.Plan(Deployment("nginx:1.26"), []).Created!, "2026-01-01T00:00:00Z", pods: 2);
        var recreate = Deployment("nginx:1.27");
        recreate["spec"]!["strategy"] = new JsonObject { ["type"] = "Recreate" };

        var stopping = RolloutPlanner.Plan(recreate, [first]);
        var stopped = Live(stopping.Changed[0], "2026-01-01T00:00:00Z", pods: 0);
        var starting = RolloutPlanner.Plan(recreate, [stopped]);

        Assert.Null(stopping.Created);
        Assert.Equal(0, Replicas(Assert.Single(stopping.Changed)));
        Assert.Equal("2", Annotation(stopping.Changed[0], DeploymentAnnotations.MaxReplicas));
        Assert.Equal(2, Replicas(Assert.IsType<JsonObject>(starting.Created)));
    }

    [Fact]
    public void A_finished_rollout_reports_its_replica_set_as_successfully_progressed()
    {
        var deployment = Deployment("nginx:1.26");
        var live = Live(RolloutPlanner.Plan(deployment, []).Created!, "2026-01-01T00:00:00Z", pods: 2);

        var status = DeploymentStatusCalculator.Next(deployment, RolloutPlanner.Plan(deployment, [live]), Now);

        Assert.Equal(2L, (long)status["availableReplicas"]!);
        var conditions = status["conditions"]!.AsArray().Select(c => ((string)c!["type"]!, (string)c["reason"]!, (string)c["message"]!)).ToList();
        Assert.Equal(
            [
                ("Available", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                ("Progressing", "NewReplicaSetAvailable", $"ReplicaSet \"{live["metadata"]!["name"]}\" has successfully progressed."),
            ],
            conditions);
        Assert.Null(status["unavailableReplicas"]);
    }
}
