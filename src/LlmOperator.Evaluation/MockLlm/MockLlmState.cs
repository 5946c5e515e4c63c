using System.Collections.Concurrent;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>What a running mock-llm counts and what tests script into it.</summary>
internal sealed class MockLlmState
{
    private long _chatRequests;
    private long _embeddingRequests;

    /// <summary>Failures to serve, in order, to the next chat completion requests.</summary>
    public ConcurrentQueue<MockFault> Faults { get; } = new();

    /// <summary>Chat completion requests received, failed ones included.</summary>
    public long ChatRequests => Interlocked.Read(ref _chatRequests);

    /// <summary>Embedding requests received.</summary>
    public long EmbeddingRequests => Interlocked.Read(ref _embeddingRequests);

    internal void CountChat() => Interlocked.Increment(ref _chatRequests);

    internal void CountEmbedding() => Interlocked.Increment(ref _embeddingRequests);
}
