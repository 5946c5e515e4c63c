using System.Collections.Concurrent;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>What a running mock-llm counts and what tests script into it.</summary>
internal sealed class MockLlmState
{
    private long _chatRequests;
    private long _embeddingRequests;
    private double _quality = double.NaN;

    /// <summary>
    /// The quality set while it runs (PUT /mock/quality), or null for the one it started with: how a test
    /// or demo makes a model drift behind an unchanged name and revision, as a hosted model does.
    /// </summary>
    public double? Quality
    {
        get => Volatile.Read(ref _quality) is var q && double.IsNaN(q) ? null : q;
        set => Volatile.Write(ref _quality, value ?? double.NaN);
    }

    /// <summary>Failures to serve, in order, to the next chat completion requests.</summary>
    public ConcurrentQueue<MockFault> Faults { get; } = new();

    /// <summary>Chat completion requests received, failed ones included.</summary>
    public long ChatRequests => Interlocked.Read(ref _chatRequests);

    /// <summary>Embedding requests received.</summary>
    public long EmbeddingRequests => Interlocked.Read(ref _embeddingRequests);

    internal void CountChat() => Interlocked.Increment(ref _chatRequests);

    internal void CountEmbedding() => Interlocked.Increment(ref _embeddingRequests);
}
