using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. STATUS is the
/// reason kubectl users know (<c>Running</c>, <c>CrashLoopBackOff</c>, <c>Init:0/1</c>,
/// <c>Terminating</c>), worked out from the container statuses as Kubernetes 1.32's printer does.
/// </summary>
internal sealed class PodPrinter : ITablePrinter
{
    private static readonly CompletedCondition Succeeded = new("Succeeded", "The pod has completed successfully.");
    private static readonly CompletedCondition Failed = new("Failed", "The pod failed.");

    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.Age,
        new("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", Priority: 1),
        new("Node", "string",
            "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling "
                + "by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node "
                + "becomes responsible for the lifecycle of this pod. This field should not be used to express a "
                + "desire for the pod to be scheduled on a specific node. "
                + "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
            Priority: 1),
        new("Nominated Node", "string",
            "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled "
                + "right away as preemption victims receive their graceful termination periods. This field does not "
                + "guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod "
                + "elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources "
                + "on this node to a higher priority pod that is created after preemption. As a result, this field may "
                + "be different than PodSpec.nodeName when the pod is scheduled.",
            Priority: 1),
        new("Readiness Gates", "string",
            "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its "
                + "containers are ready AND all conditions specified in the readiness gates have status equal to "
                + "\"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates",
            Priority: 1),
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now)
    {
        var spec = item["spec"];
        var status = item["status"];
        var phase = status.Text("phase");
        var state = new PodState(ObjectFields.FirstNonEmpty(status.Text("reason"), phase));
        if (status.Items("conditions").Any(c => c.Text("type") == "PodScheduled" && c.Text("reason") == "SchedulingGated"))
        {
            state.Reason = "SchedulingGated";
        }

        var restartableInitContainers = spec.Items("initContainers").Where(c => c.Text("restartPolicy") == "Always").ToList();
        var totalContainers = spec.Items("containers").Count + restartableInitContainers.Count;
        var restartable = restartableInitContainers.Select(c => c.Text("name")).ToHashSet(StringComparer.Ordinal);
        var initializing = ReadInitContainers(state, status, restartable, spec.Items("initContainers").Count);
        if (!initializing || status.ConditionStatus("Initialized") == "True")
        {
            ReadContainers(state, status);
        }

        if (item.Has("metadata", "deletionTimestamp"))
        {
            if (status.Text("reason") == "NodeLost")
            {
                state.Reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                state.Reason = "Terminating";
            }
        }

        var restarts = state.Restarts != 0 && state.LastRestart is not null
            ? $"{state.Restarts} ({HumanDuration.Since(state.LastRestart, now)} ago)"
            : $"{state.Restarts}";
        JsonNode?[] cells =
        [
            item.Name(), $"{state.Ready}/{totalContainers}", state.Reason, restarts, item.Age(now),
            OrNone(status.Items("podIPs").FirstOrDefault().Text("ip")),
            OrNone(spec.Text("nodeName")),
            OrNone(status.Text("nominatedNodeName")),
            ReadinessGates(spec, status),
        ];
        return new PrintedRow(cells, phase switch { "Succeeded" => Succeeded, "Failed" => Failed, _ => null });
    }

    /// <summary>Counts init container restarts and finds the first init container still in the way; true while initializing.</summary>
    private static bool ReadInitContainers(PodState state, JsonNode? status, HashSet<string> restartable, int initContainerCount)
    {
        var statuses = status.Items("initContainerStatuses");
        for (var i = 0; i < statuses.Count; i++)
        {
            var container = statuses[i];
            var isRestartable = restartable.Contains(container.Text("name"));
            state.CountRestarts(container, sidecar: isRestartable);
            var terminated = container.At("state", "terminated");
            var waitingReason = container.Text("state", "waiting", "reason");
            if (terminated is not null && terminated.Integer("exitCode") == 0)
            {
                continue;
            }

            if (isRestartable && container.Flag("started"))
            {
                state.Ready += container.Flag("ready") ? 1 : 0;
                continue;
            }

            state.Reason = terminated is not null ? "Init:" + TerminationReason(terminated)
                : waitingReason.Length > 0 && waitingReason != "PodInitializing" ? "Init:" + waitingReason
                : $"Init:{i}/{initContainerCount}";
            return true;
        }

        return false;
    }

    /// <summary>Counts container restarts and takes the reason of the first container (from the end) that is not running.</summary>
    private static void ReadContainers(PodState state, JsonNode? status)
    {
        state.StartCountingContainers();
        var hasRunning = false;
        var statuses = status.Items("containerStatuses");
        for (var i = statuses.Count - 1; i >= 0; i--)
        {
            var container = statuses[i];
            state.CountRestarts(container, sidecar: false);
            var terminated = container.At("state", "terminated");
            var waitingReason = container.Text("state", "waiting", "reason");
            if (waitingReason.Length > 0)
            {
                state.Reason = waitingReason;
            }
            else if (terminated is not null)
            {
                state.Reason = TerminationReason(terminated);
            }
            else if (container.Flag("ready") && container.Has("state", "running"))
            {
                hasRunning = true;
                state.Ready++;
            }
        }

        // A pod whose main container finished while a sidecar still runs is not Completed.
        if (state.Reason == "Completed" && hasRunning)
        {
            state.Reason = status.ConditionStatus("Ready") == "True" ? "Running" : "NotReady";
        }
    }

    private static string TerminationReason(JsonNode terminated) =>
        terminated.Text("reason") is { Length: > 0 } reason ? reason
        : terminated.Integer("signal") != 0 ? $"Signal:{terminated.Integer("signal")}"
        : $"ExitCode:{terminated.Integer("exitCode")}";

    private static string ReadinessGates(JsonNode? spec, JsonNode? status)
    {
        var gates = spec.Items("readinessGates");
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var passing = gates.Count(g => status.ConditionStatus(g.Text("conditionType")) == "True");
        return $"{passing}/{gates.Count}";
    }

    private static string OrNone(string value) => value.Length == 0 ? "<none>" : value;

    /// <summary>What the printer accumulates while it reads the container statuses.</summary>
    private sealed class PodState(string reason)
    {
        private long _sidecarRestarts;
        private DateTimeOffset? _lastSidecarRestart;

        public string Reason { get; set; } = reason;

        public int Ready { get; set; }

        public long Restarts { get; private set; }

        public DateTimeOffset? LastRestart { get; private set; }

        /// <summary>Adds a container's restarts; those of sidecars (restartable init containers) are also kept apart.</summary>
        public void CountRestarts(JsonNode? container, bool sidecar)
        {
            var restarts = container.Integer("restartCount");
            var finished = container.Has("lastState", "terminated") ? container.Time("lastState", "terminated", "finishedAt") : null;
            Restarts += restarts;
            LastRestart = Later(LastRestart, finished);
            if (sidecar)
            {
                _sidecarRestarts += restarts;
                _lastSidecarRestart = Later(_lastSidecarRestart, finished);
            }
        }

        /// <summary>Once init containers are done only sidecar restarts still count, with the main containers'.</summary>
        public void StartCountingContainers()
        {
            Restarts = _sidecarRestarts;
            LastRestart = _lastSidecarRestart;
        }

        private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
            candidate is not null && (current is null || current < candidate) ? candidate : current;
    }
}
