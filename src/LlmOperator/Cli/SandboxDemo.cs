using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// What <c>llmop sandbox --demo</c> (and so <c>make run</c>) shows: three releases of the sample
/// ModelDeployment <c>default/chat</c>, one that answers as well and is promoted, one that answers worse
/// and is rolled back, and one that answers its own gate as well but breaks the pipeline
/// <c>default/chat-widget</c> built on it and is rolled back with the pipeline's verdict, printed live
/// as the operator writes the status. Each release is the change a commit would make, sent as the
/// merge patch <c>kubectl patch</c> would send.
/// </summary>
internal sealed class SandboxDemo(IResourceClient<ModelDeployment> models, IResourceClient<EvaluationRun> runs, TextWriter output, TimeProvider time)
{
    private const string Namespace = "default";
    private const string Name = "chat";
    private const string Pipeline = "chat-widget";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromMinutes(3);

    // What was printed last, so that only changes are printed.
    private readonly Dictionary<string, EvaluationPhase?> _lastRuns = new(StringComparer.Ordinal);
    private string? _lastStatus;

    private static readonly (string Title, string[] Args)[] Releases =
    [
        ("a revision that answers as well (mock-llm with 20 ms of latency)", ["--latency=20"]),
        ("a revision that answers worse (mock-llm right on 60% of the questions)", ["--latency=20", "--quality=0.6"]),
        (
            $"a revision that answers as well but talks too long for the pipeline {Pipeline}, which shows 80 characters",
            ["--latency=20", "--preamble=Thank you for contacting Acme Cloud support, we are always happy to help with questions like yours. "]),
    ];

    /// <summary>Runs the releases; false (with the reason printed) when the sample is missing or a release does not settle.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var key = new ObjectKey(Namespace, Name);
        if (await models.GetAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            await output.WriteLineAsync("demo: there is no ModelDeployment default/chat to roll out: start with --apply config/samples/sandbox")
                .ConfigureAwait(false);
            return false;
        }

        await output.WriteLineAsync($"demo: waiting for default/chat and the pipeline default/{Pipeline} built on it to serve").ConfigureAwait(false);
        if (await FollowAsync(key, m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.CanaryRevision is null, cancellationToken)
            .ConfigureAwait(false) is null
            || await FollowAsync(new ObjectKey(Namespace, Pipeline), m => m.Status?.Phase == RolloutPhase.Healthy, cancellationToken)
            .ConfigureAwait(false) is null)
        {
            return false;
        }

        for (var i = 0; i < Releases.Length; i++)
        {
            var (title, args) = Releases[i];
            var patch = new JsonObject { ["spec"] = new JsonObject { ["args"] = new JsonArray([.. args.Select(a => (JsonNode?)a)]) } };
            await output.WriteLineAsync($"demo: release {i + 1} of {Releases.Length}, {title}:").ConfigureAwait(false);
            await output.WriteLineAsync($"  kubectl patch md {Name} --type merge -p '{patch.ToJsonString()}'").ConfigureAwait(false);
            var changed = await models.PatchAsync(key, patch, cancellationToken).ConfigureAwait(false);
            var generation = changed.Metadata.Generation;
            var settled = await FollowAsync(
                key,
                m => m.Status is { } s && s.ObservedGeneration == generation && s.Phase is RolloutPhase.Healthy or RolloutPhase.Degraded
                    && (s.CanaryRevision is null || s.Abort == true),
                cancellationToken).ConfigureAwait(false);
            if (settled is null)
            {
                return false;
            }
        }

        await output.WriteLineAsync(
            $"demo: done. Try: kubectl get md,erun,deploy,pods; kubectl describe md chat; llmop status {Pipeline}; llmop retry chat")
            .ConfigureAwait(false);
        return true;
    }

    // Prints every new phase and message of the ModelDeployment and every run that starts or ends, until the condition holds.
    private async Task<ModelDeployment?> FollowAsync(ObjectKey key, Func<ModelDeployment, bool> settled, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + ReleaseTimeout;
        while (time.GetUtcNow() < deadline)
        {
            var model = await models.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (model?.Status is { } status && $"{key.Name} {status.Phase}: {status.Message}" is var line && line != _lastStatus)
            {
                await PrintAsync(line).ConfigureAwait(false);
                _lastStatus = line;
            }

            foreach (var run in (await runs.ListAsync(Namespace, $"llmoperator.io/model={key.Name}", cancellationToken).ConfigureAwait(false)).Items)
            {
                var phase = run.Status?.Phase;
                var isNew = !_lastRuns.TryGetValue(run.Metadata.Name, out var seen);
                _lastRuns[run.Metadata.Name] = phase;
                if (isNew)
                {
                    await PrintAsync($"EvaluationRun {run.Metadata.Name} started").ConfigureAwait(false);
                }

                if (phase != seen && phase is EvaluationPhase.Passed or EvaluationPhase.Failed or EvaluationPhase.Inconclusive or EvaluationPhase.Error)
                {
                    await PrintAsync($"EvaluationRun {run.Metadata.Name}: {run.Status?.Verdict ?? phase.ToString()}").ConfigureAwait(false);
                }
            }

            if (model is not null && settled(model))
            {
                return model;
            }

            await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync(
            $"demo: default/{key.Name} did not settle within {ReleaseTimeout.TotalMinutes:0} minutes; kubectl describe md {key.Name} says why")
            .ConfigureAwait(false);
        return null;
    }

    private Task PrintAsync(string line) =>
        output.WriteLineAsync($"  {time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {line}");
}
