using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Controllers.ModelDeployments.Pipelines;

/// <summary>
/// Which pipelines call each ModelDeployment, kept by the ModelDeployment informer's events: a change of
/// a component wakes the pipelines that call it without a scan of every ModelDeployment of the namespace
/// on every event (10,000 of them, at scale).
/// </summary>
internal sealed class PipelineCallers : ITermMemory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, string[]> _calls = [];
    private readonly Dictionary<ObjectKey, HashSet<string>> _callers = [];

    /// <inheritdoc />
    public void StartTerm(SharedInformers informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        lock (_lock)
        {
            _calls.Clear();
            _callers.Clear();
        }

        informers.Get<ModelDeployment>().Subscribe(Observe);
    }

    /// <summary>The pipelines that call <paramref name="component"/>.</summary>
    public IReadOnlyList<ObjectKey> Of(ModelDeployment component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var key = ObjectKey.Of(component);
        lock (_lock)
        {
            return _callers.TryGetValue(key, out var callers) ? [.. callers.Select(c => new ObjectKey(key.Namespace, c))] : [];
        }
    }

    /// <summary>The pipelines that call <paramref name="component"/>, directly or through other pipelines.</summary>
    public IReadOnlyList<ObjectKey> Reaching(ModelDeployment component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var key = ObjectKey.Of(component);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var next = new Queue<string>([key.Name]);
        lock (_lock)
        {
            while (next.TryDequeue(out var name))
            {
                foreach (var caller in _callers.GetValueOrDefault(new ObjectKey(key.Namespace, name)) ?? [])
                {
                    if (caller != key.Name && found.Add(caller))
                    {
                        next.Enqueue(caller);
                    }
                }
            }
        }

        return [.. found.Select(c => new ObjectKey(key.Namespace, c))];
    }

    /// <summary>Follows one change the ModelDeployment informer reports (it calls this; tests do too).</summary>
    internal void Observe(CacheChange<ModelDeployment> change)
    {
        var model = change.New ?? change.Old;
        if (model is null || (change.Old?.Spec.Pipeline is null && change.New?.Spec.Pipeline is null))
        {
            return;
        }

        var key = ObjectKey.Of(model);
        string[] calls = change.New?.Spec.Pipeline is { } spec ? [.. PipelineReferences.Of(spec).ModelRefs] : [];
        lock (_lock)
        {
            foreach (var old in _calls.GetValueOrDefault(key) ?? [])
            {
                var component = new ObjectKey(key.Namespace, old);
                if (_callers.TryGetValue(component, out var set) && set.Remove(key.Name) && set.Count == 0)
                {
                    _callers.Remove(component);
                }
            }

            _calls[key] = calls;
            foreach (var name in calls)
            {
                var component = new ObjectKey(key.Namespace, name);
                if (!_callers.TryGetValue(component, out var set))
                {
                    _callers[component] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(key.Name);
            }

            if (calls.Length == 0)
            {
                _calls.Remove(key);
            }
        }
    }
}
