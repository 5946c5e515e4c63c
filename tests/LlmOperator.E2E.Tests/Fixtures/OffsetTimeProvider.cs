namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>The system clock moved by a fixed offset: a machine whose clock is off from the API server's.</summary>
public sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
