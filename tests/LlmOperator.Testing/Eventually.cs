namespace LlmOperator.Testing;

/// <summary>Waits for a condition that an asynchronous system reaches eventually, polling until a deadline.</summary>
public static class Eventually
{
    /// <summary>True as soon as the condition holds; false when it still does not at the deadline (default 30 s).</summary>
    public static async Task<bool> Async(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Like <see cref="Async(Func{Task{bool}}, TimeSpan?)"/> for a synchronous condition.</summary>
    public static Task<bool> True(Func<bool> condition, TimeSpan? within = null) => Async(() => Task.FromResult(condition()), within);
}
