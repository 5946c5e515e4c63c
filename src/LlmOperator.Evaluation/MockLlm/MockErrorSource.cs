namespace LlmOperator.Evaluation.MockLlm;

/// <summary>Decides which requests fail at the configured error rate, from a seeded sequence.</summary>
internal sealed class MockErrorSource(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public bool Next(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }
}
