using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;
using LlmOperator.Evaluation.Reports.Html;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Dashboard;

/// <summary>
/// What the dashboard reads from one namespace, with the user's own credentials: its ModelDeployments,
/// PromptVersions and EvaluationRuns (with a run's results ConfigMap), and a signal whenever one of them changes.
/// </summary>
internal sealed class DashboardReader
{
    private readonly IKubernetes _client;
    private readonly ResourceClient<ModelDeployment> _models;
    private readonly ResourceClient<PromptVersion> _prompts;
    private readonly ResourceClient<EvaluationRun> _runs;
    private readonly ResourceClient<V1ConfigMap> _configMaps;

    /// <summary>A reader of namespace <paramref name="ns"/>.</summary>
    public DashboardReader(IKubernetes client, string ns)
    {
        _client = client;
        Namespace = ns;
        _models = new ResourceClient<ModelDeployment>(client);
        _prompts = new ResourceClient<PromptVersion>(client);
        _runs = new ResourceClient<EvaluationRun>(client);
        _configMaps = new ResourceClient<V1ConfigMap>(client);
    }

    /// <summary>The namespace shown.</summary>
    public string Namespace { get; }

    /// <summary>Every ModelDeployment and PromptVersion of the namespace.</summary>
    public async Task<(IReadOnlyList<ModelDeployment> Models, IReadOnlyList<PromptVersion> Prompts)> OverviewAsync(CancellationToken cancellationToken)
    {
        var models = await _models.ListAsync(Namespace, null, cancellationToken).ConfigureAwait(false);
        var prompts = await _prompts.ListAsync(Namespace, null, cancellationToken).ConfigureAwait(false);
        return (models.Items, prompts.Items);
    }

    /// <summary>A ModelDeployment with its Deployments and EvaluationRuns, or null when it does not exist.</summary>
    public Task<RolloutObjects?> RolloutAsync(string name, CancellationToken cancellationToken) =>
        new RolloutReader(_client, new ObjectKey(Namespace, name)).ReadAsync(cancellationToken);

    /// <summary>A ModelDeployment alone, or null.</summary>
    public Task<ModelDeployment?> ModelAsync(string name, CancellationToken cancellationToken) =>
        _models.GetAsync(new ObjectKey(Namespace, name), cancellationToken);

    /// <summary>
    /// An EvaluationRun as its page shows it: its per-case results when its results ConfigMap holds them,
    /// else what its status says; null when the run does not exist.
    /// </summary>
    public async Task<RunResultsView?> RunAsync(string name, CancellationToken cancellationToken)
    {
        var run = await _runs.GetAsync(new ObjectKey(Namespace, name), cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var results = await _configMaps.GetAsync(new ObjectKey(Namespace, RunResults.ConfigMapName(name)), cancellationToken).ConfigureAwait(false);
        if (results?.Data is { } data && data.TryGetValue(RunResults.ResultsKey, out var json) && JsonNode.Parse(json) is JsonObject document)
        {
            return RunResultsView.FromJson(document);
        }

        return RunResultsView.FromStatus(run);
    }

    /// <summary>A signal at once, then after every change to a ModelDeployment, PromptVersion or EvaluationRun of the namespace, until cancelled.</summary>
    public async IAsyncEnumerable<bool> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var models = await _models.ListAsync(Namespace, null, cancellationToken).ConfigureAwait(false);
        var prompts = await _prompts.ListAsync(Namespace, null, cancellationToken).ConfigureAwait(false);
        var runs = await _runs.ListAsync(Namespace, null, cancellationToken).ConfigureAwait(false);
        yield return true;

        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] following =
        [
            ChangeFollower.FollowAsync(_models, Namespace, null, models.ResourceVersion, _ => true, changed.Writer, stop.Token),
            ChangeFollower.FollowAsync(_prompts, Namespace, null, prompts.ResourceVersion, _ => true, changed.Writer, stop.Token),
            ChangeFollower.FollowAsync(_runs, Namespace, null, runs.ResourceVersion, _ => true, changed.Writer, stop.Token),
        ];
        ChangeFollower.EndOnFirstFailure(following, changed.Writer);

        try
        {
            while (await changed.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changed.Reader.TryRead(out _);
                yield return true;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}
