namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// How many requests mock-llm answers at once (vLLM's --max-num-seqs): the others wait for a slot, and show
/// as waiting requests and queue time, as a saturated engine's do.
/// </summary>
internal sealed class RunningSlots(int slots) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(slots, slots);

    /// <summary>Waits for a slot; release it when the request is answered.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Gives a slot back.</summary>
    public void Release() => _slots.Release();

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
