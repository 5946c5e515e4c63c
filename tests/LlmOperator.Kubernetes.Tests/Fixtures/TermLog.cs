using System.Collections.Concurrent;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>A term memory that records the informers of each term it was started for.</summary>
public sealed class TermLog : ITermMemory
{
    public ConcurrentQueue<SharedInformers> Terms { get; } = new();

    public void StartTerm(SharedInformers informers) => Terms.Enqueue(informers);
}
