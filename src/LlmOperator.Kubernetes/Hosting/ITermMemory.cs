using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>
/// What a controller keeps between reconciles that holds for one term of running the controllers (the
/// life of a replica, or one leadership) and no longer: a term starts with it empty. Decisions come from
/// the API; such memory only saves work, or covers what the watches have not brought yet. Register it
/// with <see cref="OperatorServiceCollectionExtensions.AddTermMemory{T}"/>.
/// </summary>
public interface ITermMemory
{
    /// <summary>
    /// Called as a term starts, before its informers list and before any controller runs: forget the
    /// last term, and subscribe to what this one's informers report, if the memory follows them.
    /// </summary>
    void StartTerm(SharedInformers informers);
}
