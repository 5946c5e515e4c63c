using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Controllers;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Runs each Job's pod (one at a time), retries failures up to backoffLimit, enforces
/// activeDeadlineSeconds, and ends the Job Complete or Failed with the conditions of batch/v1. A pod the API
/// server refuses is a FailedCreate Event, tried again when a service account appears.
/// </summary>
internal sealed class JobController(
    ObjectStore store,
    ResourceService service,
    ControllerEvents events,
    TimeProvider time,
    ILogger<JobController> logger)
    : SandboxController(store, logger), IDisposable
{
    private static readonly ResourceKey Jobs = new("batch", "jobs");
    private static readonly ResourceKey Pods = new("", "pods");
    private static readonly ResourceKey ServiceAccounts = new("", "serviceaccounts");
    private readonly ObjectStore _store = store;
    private readonly ConcurrentDictionary<string, ITimer> _deadlines = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override void Dispose()
    {
        foreach (var timer in _deadlines.Values)
        {
            timer.Dispose();
        }

        base.Dispose();
    }

    /// <inheritdoc />
    protected override void Handle(StoreEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Resource == Jobs)
        {
            if (change.Type == WatchEventType.Deleted)
            {
                if (_deadlines.TryRemove(change.Item.Uid, out var timer))
                {
                    timer.Dispose();
                }
            }
            else
            {
                Reconcile(change.Item.Namespace, change.Item.Name);
            }
        }
        else if (change.Resource == ServiceAccounts && change.Type == WatchEventType.Added)
        {
            foreach (var job in _store.List(Jobs, change.Item.Namespace).Items)
            {
                Reconcile(job.Namespace, job.Name);
            }
        }
        else if (change.Resource == Pods && ControllerReferences.Uid(change.Item.ToJsonObject(), "Job") is { } owner && _store.FindByUid(owner) is { } job)
        {
            Reconcile(job.Namespace, job.Name);
        }
    }

    private void Reconcile(string ns, string name)
    {
        if (_store.Get(Jobs, ns, name) is not { IsTerminating: false } stored)
        {
            return;
        }

        var job = stored.ToJsonObject();
        var spec = job["spec"] as JsonObject ?? [];
        var conditions = job["status"]?["conditions"] as JsonArray ?? [];
        if (conditions.Any(c => c?["type"]?.ToString() is "Complete" or "Failed" && c["status"]?.ToString() == "True")
            || spec["suspend"]?.GetValue<bool>() == true)
        {
            return;
        }

        var type = service.Registry.FindAnyVersion(Jobs)!;
        var podType = service.Registry.FindAnyVersion(Pods)!;
        var pods = ControllerReferences.Controlled(_store, stored, Pods, "Job");
        var succeeded = pods.Count(p => Phase(p) == "Succeeded");
        var failed = pods.Count(p => Phase(p) == "Failed");
        var active = pods.Where(p => Phase(p) is not ("Succeeded" or "Failed")).ToList();
        var now = time.GetUtcNow();
        var startTime = job["status"]?["startTime"]?.ToString() is { } started ? DateTimeOffset.Parse(started, CultureInfo.InvariantCulture) : now;
        var completions = JsonKinds.TryGetInteger(spec["completions"], out var c) ? c : 1;
        var backoffLimit = JsonKinds.TryGetInteger(spec["backoffLimit"], out var b) ? b : 6;
        var deadline = JsonKinds.TryGetInteger(spec["activeDeadlineSeconds"], out var seconds) ? startTime.AddSeconds(seconds) : (DateTimeOffset?)null;

        (string Type, string Reason, string Message)? end = null;
        if (succeeded >= completions)
        {
            end = ("Complete", "CompletionsReached", "Reached expected number of succeeded pods");
        }
        else if (failed > backoffLimit)
        {
            end = ("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }
        else if (deadline is { } due && now >= due)
        {
            end = ("Failed", "DeadlineExceeded", "Job was active longer than specified deadline");
        }

        if (end is { Type: "Failed" })
        {
            active.ForEach(pod => Delete(podType, ns, pod));
            active.Clear();
        }
        else if (end is null && active.Count == 0)
        {
            try
            {
                active.Add(service
                    .Create(podType, ns, PodTemplates.NewPod(job, type, $"{name}-"), WriteOptions.Default)
                    .Stored
                    .ToJsonObject());
            }
            catch (ApiException e) when (e.Code == 403)
            {
                // Refused (its service account is missing): tried again when a service account appears in the namespace.
                events.Warning(job, "job-controller", "FailedCreate", $"Error creating: {e.Message}");
            }
        }

        if (end is null && deadline is { } pending)
        {
            ScheduleDeadline(stored.Uid, ns, name, pending - now);
        }

        WriteStatus(type, ns, name, startTime, now, active, succeeded, failed, end);
    }

    private void WriteStatus(
        ResourceType type,
        string ns,
        string name,
        DateTimeOffset startTime,
        DateTimeOffset now,
        List<JsonObject> active,
        int succeeded,
        int failed,
        (string Type, string Reason, string Message)? end)
    {
        var timestamp = ObjectMeta.Timestamp(now);
        service.Mutate(type, ns, name, job =>
        {
            var status = new JsonObject
            {
                ["startTime"] = ObjectMeta.Timestamp(startTime),
                ["active"] = active.Count,
                ["ready"] = active.Count(p => (p["status"]?["conditions"] as JsonArray ?? [])
                    .Any(c => c?["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True")),
                ["succeeded"] = succeeded,
                ["failed"] = failed,
                ["terminating"] = 0,
                ["uncountedTerminatedPods"] = new JsonObject(),
            };
            if (end is { } finish)
            {
                var interim = finish.Type == "Complete" ? "SuccessCriteriaMet" : "FailureTarget";
                status["conditions"] = new JsonArray(Condition(interim, finish, timestamp), Condition(finish.Type, finish, timestamp));
                if (finish.Type == "Complete")
                {
                    status["completionTime"] = timestamp;
                }
            }

            job["status"] = status;
            return job;
        }, status: true, WriteOptions.Default);
    }

    private void ScheduleDeadline(string uid, string ns, string name, TimeSpan due)
    {
        if (_deadlines.ContainsKey(uid))
        {
            return;
        }

        var timer = time.CreateTimer(_ => Run(() => Reconcile(ns, name)), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (!_deadlines.TryAdd(uid, timer))
        {
            timer.Dispose();
        }
    }

    private void Delete(ResourceType podType, string ns, JsonObject pod)
    {
        try
        {
            service.Delete(podType, ns, pod["metadata"]!["name"]!.ToString(), DeleteOptions.Default);
        }
        catch (ApiException e) when (e.Code == 404)
        {
        }
    }

    private static string? Phase(JsonObject pod) => pod["status"]?["phase"]?.ToString();

    private static JsonObject Condition(string type, (string Type, string Reason, string Message) end, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastProbeTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = end.Reason,
        ["message"] = end.Message,
    };
}
