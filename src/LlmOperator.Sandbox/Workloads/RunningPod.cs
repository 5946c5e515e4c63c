using System.Net;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// One pod as the sandbox's kubelet runs it: containers of the operator's image as llmop processes
/// listening on the pod's own loopback IP, with a kubeconfig carrying a token of the pod's service account and
/// their emptyDir volumes as directories of the pod's own (see <see cref="EmptyDirVolumes"/>);
/// others simulated (long-running ones become ready after a delay; run-to-completion ones succeed after it);
/// readiness from the container's HTTP probe; restarts by restartPolicy; the pod's status kept current.
/// </summary>
internal sealed class RunningPod(KubeletContext context, string ns, string name, string uid) : IAsyncDisposable
{
    private static readonly HttpClient ProbeClient = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Lock _publishing = new();
    private readonly List<(ContainerState State, ContainerProcess? Process)> _containers = [];
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private IPAddress? _address;
    private string? _kubeconfig;
    private string? _volumeRoot;
    private IReadOnlyDictionary<string, string> _volumes = new Dictionary<string, string>();

    /// <summary>Runs the pod until its containers are done or it is stopped.</summary>
    public async Task RunAsync()
    {
        var pod = context.Store.Get(Pods, ns, name)?.ToJsonObject();
        if (pod is null)
        {
            return;
        }

        _address = context.Addresses.Allocate();
        pod["status"] = new JsonObject { ["podIP"] = _address.ToString() };
        if ((pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Any(context.RunsAsProcess))
        {
            // The projected service account token, bound to this pod.
            _kubeconfig = Path.Combine(WorkingDirectory(), $"{uid}.kubeconfig");
            var account = pod["spec"]?["serviceAccountName"]?.ToString() ?? "default";
            context.Environment.WriteKubeconfig(_kubeconfig, context.Tokens.Issue(ns, name, uid, account) ?? "");
            _volumeRoot = Path.Combine(WorkingDirectory(), $"{uid}.volumes");
            _volumes = EmptyDirVolumes.Create(pod, _volumeRoot);
        }

        var restartPolicy = pod["spec"]?["restartPolicy"]?.ToString() ?? "Always";
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        lock (_gate)
        {
            _containers.AddRange(containers.Select(c =>
                (new ContainerState(c["name"]?.ToString() ?? "", c["image"]?.ToString() ?? ""), (ContainerProcess?)null)));
        }

        Publish();
        try
        {
            await Task.WhenAll(containers.Select((c, i) => SuperviseAsync(pod, c, i, restartPolicy))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Stopped: the pod was deleted or the sandbox is shutting down.
        }
    }

    /// <summary>Stops every container: SIGTERM, then SIGKILL after the grace period (at most 5 seconds here).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        List<ContainerProcess> processes;
        lock (_gate)
        {
            processes = [.. _containers.Select(c => c.Process).OfType<ContainerProcess>()];
        }

        await Task.WhenAll(processes.Select(p => p.StopAsync(TimeSpan.FromSeconds(5)))).ConfigureAwait(false);
        foreach (var process in processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        if (_kubeconfig is not null)
        {
            File.Delete(_kubeconfig);
        }

        if (_volumeRoot is not null && Directory.Exists(_volumeRoot))
        {
            Directory.Delete(_volumeRoot, recursive: true);
        }

        _stop.Dispose();
    }

    private static ResourceKey Pods => new("", "pods");

    private async Task SuperviseAsync(JsonObject pod, JsonObject container, int index, string restartPolicy)
    {
        var state = _containers[index].State;
        var runsProcess = context.RunsAsProcess(container);
        var containerName = container["name"]?.ToString() ?? "";
        for (var attempt = 0; ; attempt++)
        {
            context.Logs.Start(ns, name, containerName);
            var process = runsProcess ? Start(pod, container, containerName) : null;
            lock (_gate)
            {
                _containers[index] = (state, process);
                state.WaitingReason = null;
                state.RunningSince = DateTimeOffset.UtcNow;
            }

            Publish();
            using var run = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var readiness = BecomeReadyAsync(container, state, run.Token);
            var exitCode = process is not null
                ? await process.Exited.WaitAsync(_stop.Token).ConfigureAwait(false)
                : await SimulateAsync(restartPolicy, _stop.Token).ConfigureAwait(false);
            await run.CancelAsync().ConfigureAwait(false);
            await readiness.ConfigureAwait(false);
            context.Logs.End(ns, name, containerName);
            var restart = restartPolicy == "Always" || (restartPolicy == "OnFailure" && exitCode != 0);
            lock (_gate)
            {
                state.Ready = false;
                state.RunningSince = null;
                state.ExitCode = exitCode;
                state.FinishedAt = DateTimeOffset.UtcNow;
                state.Done = !restart;
                if (restart)
                {
                    state.RestartCount++;
                    state.WaitingReason = "CrashLoopBackOff";
                }
            }

            Publish();
            if (process is not null)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }

            if (!restart)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, 1 << Math.Min(attempt, 4))), _stop.Token).ConfigureAwait(false);
        }
    }

    private ContainerProcess Start(JsonObject pod, JsonObject container, string containerName)
    {
        pod["status"] = new JsonObject { ["podIP"] = _address!.ToString() };
        var mounts = EmptyDirVolumes.Mounts(container, _volumes);
        var env = context.Environment.Variables(_kubeconfig ?? "")
            .Concat(ContainerEnvironment.Resolve(pod, container, context.Store)
                .Select(e => KeyValuePair.Create(e.Key, EmptyDirVolumes.Rewrite(e.Value, mounts))))
            .ToList();
        var command = (container["command"] as JsonArray ?? []).Select(a => a?.ToString() ?? "").ToList();
        if (command.Count > 0 && Path.GetFileName(command[0]) == "llmop")
        {
            command.RemoveAt(0);
        }

        var arguments = command.Concat((container["args"] as JsonArray ?? []).Select(a => a?.ToString() ?? ""))
            .Select(a => EmptyDirVolumes.Rewrite(ContainerEnvironment.Expand(a, env), mounts));
        return ContainerProcess.Start([.. context.Options.LlmopCommand!, .. arguments], env, WorkingDirectory(),
            line => context.Logs.Append(ns, name, containerName, line, DateTimeOffset.UtcNow));
    }

    /// <summary>The pod's working folder, created when missing.</summary>
    private string WorkingDirectory() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "llmop-sandbox-pods", ns, name)).FullName;

    private async Task<int> SimulateAsync(string restartPolicy, CancellationToken stop)
    {
        if (restartPolicy == "Always")
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }

        await Task.Delay(context.Options.SimulatedJobDuration ?? context.Options.PodReadyDelay, stop).ConfigureAwait(false);
        return 0;
    }

    private async Task BecomeReadyAsync(JsonObject container, ContainerState state, CancellationToken stop)
    {
        try
        {
            if (context.RunsAsProcess(container) && container["readinessProbe"]?["httpGet"] is JsonObject probe)
            {
                var port = ResolvePort(probe["port"], container);
                var uri = new Uri($"http://{_address}:{port}{probe["path"]?.ToString() ?? "/"}");
                while (!await ProbeAsync(uri, stop).ConfigureAwait(false))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stop).ConfigureAwait(false);
                }
            }
            else
            {
                await Task.Delay(context.Options.PodReadyDelay, stop).ConfigureAwait(false);
            }

            lock (_gate)
            {
                state.Ready = true;
            }

            Publish();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task<bool> ProbeAsync(Uri uri, CancellationToken stop)
    {
        try
        {
            using var response = await ProbeClient.GetAsync(uri, stop).ConfigureAwait(false);
            return (int)response.StatusCode is >= 200 and < 400;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string ResolvePort(JsonNode? port, JsonObject container)
    {
        if (JsonKinds.TryGetInteger(port, out var number))
        {
            return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var named = (container["ports"] as JsonArray ?? []).FirstOrDefault(p => p?["name"]?.ToString() == port?.ToString());
        return named?["containerPort"]?.ToString() ?? port?.ToString() ?? "80";
    }

    /// <summary>
    /// Writes the pod's status from its containers' states, keeping the conditions the kubelet does not own (a
    /// readiness gate's, which a client patches) and Ready as they and the readiness gates make it.
    /// </summary>
    public void Publish()
    {
        // Worked out and written under one lock: two containers that end together must not write their
        // views out of order, leaving the older one (Running) as the pod's status.
        lock (_publishing)
        {
            JsonObject status;
            var now = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
            lock (_gate)
            {
                var states = _containers.Select(c => c.State).ToList();
                var unready = states.Where(s => !s.Ready).Select(s => s.Name).ToList();
                var allReady = states.Count > 0 && unready.Count == 0;
                var allDone = states.Count > 0 && states.All(s => s.Done);
                var phase = allDone ? (states.All(s => s.ExitCode == 0) ? "Succeeded" : "Failed") : "Running";
                status = new JsonObject
                {
                    ["phase"] = phase,
                    ["conditions"] = new JsonArray(
                        Condition("PodScheduled", true, now),
                        Condition("Initialized", true, now),
                        ContainersReady(allReady, unready, now)),
                    ["hostIP"] = "127.0.0.1",
                    ["podIP"] = _address?.ToString(),
                    ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = _address?.ToString() }),
                    ["startTime"] = ObjectMeta.Timestamp(_startTime),
                    ["containerStatuses"] = new JsonArray([.. states.Select(s => (JsonNode?)s.ToStatus())]),
                };
            }

            try
            {
                context.Service.Mutate(context.PodType, ns, name, pod =>
                {
                    if (ObjectMeta.Text(pod, "uid") != uid)
                    {
                        throw Statuses.NotFound(context.PodType, name);
                    }

                    var before = pod["status"]?["conditions"] as JsonArray;
                    var conditions = (JsonArray)status["conditions"]!.DeepClone();
                    foreach (var kept in (before ?? []).OfType<JsonObject>().Where(c => !PodConditions.OwnedByKubelet(c["type"]?.ToString())))
                    {
                        conditions.Add(kept.DeepClone());
                    }

                    var (ready, reason, message) = PodConditions.Ready(pod, conditions);
                    conditions.Insert(3, Condition("Ready", ready, now, reason, message));

                    // Keep condition transition times when nothing changed, as the kubelet does.
                    CarryTransitionTimes(before, conditions);
                    pod["status"] = status.DeepClone();
                    pod["status"]!["conditions"] = conditions;
                    return pod;
                }, status: true, WriteOptions.Default);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted: the kubelet stops the pod when it sees the deletion.
            }
        }
    }

    private static void CarryTransitionTimes(JsonArray? before, JsonArray after)
    {
        foreach (var condition in after.OfType<JsonObject>())
        {
            var previous = before?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == condition["type"]?.ToString());
            if (previous?["status"]?.ToString() == condition["status"]?.ToString() && previous?["lastTransitionTime"] is { } time)
            {
                condition["lastTransitionTime"] = time.DeepClone();
            }
        }
    }

    // As the kubelet's GenerateContainersReadyCondition: the unready containers by name.
    private static JsonObject ContainersReady(bool ready, IReadOnlyList<string> unready, string now) => ready
        ? Condition("ContainersReady", true, now)
        : Condition("ContainersReady", false, now, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");

    private static JsonObject Condition(string type, bool status, string now, string? reason = null, string? message = null)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status ? "True" : "False", ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
        if (reason is not null)
        {
            condition["reason"] = reason;
            condition["message"] = message;
        }

        return condition;
    }
}
