using System.Collections.Concurrent;
using LlmOperator.Pipelines.Components;

namespace LlmOperator.Pipelines.Tests;

/// <summary>Components whose answers a test scripts per ModelDeployment; every request is recorded.</summary>
internal sealed class ScriptedComponents : IComponentClient
{
    private readonly Dictionary<string, Func<ComponentCall, CancellationToken, Task<string>>> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<ComponentCall> Requests { get; } = new();

    public ScriptedComponents Answer(string modelRef, Func<ComponentCall, string> answer) =>
        Script(modelRef, (call, _) => Task.FromResult(answer(call)));

    public ScriptedComponents Answer(string modelRef, string answer) => Answer(modelRef, _ => answer);

    public ScriptedComponents Fail(string modelRef, string error) =>
        Script(modelRef, (_, _) => Task.FromException<string>(new ComponentCallException(error)));

    /// <summary>A component that answers only when cancelled: then it throws, as an HTTP call would.</summary>
    public ScriptedComponents Hang(string modelRef, TaskCompletionSource? started = null) => Script(modelRef, async (_, cancellationToken) =>
    {
        started?.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    });

    public ScriptedComponents Script(string modelRef, Func<ComponentCall, CancellationToken, Task<string>> answer)
    {
        _answers[modelRef] = answer;
        return this;
    }

    public Task<string> CompleteAsync(ComponentCall request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return _answers.TryGetValue(request.ModelRef, out var answer)
            ? answer(request, cancellationToken)
            : throw new ComponentCallException($"no component {request.ModelRef}");
    }
}
