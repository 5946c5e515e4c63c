namespace LlmOperator.Testing;

/// <summary>A sandbox with the llmoperator.io CRDs installed.</summary>
public class CrdSandboxFixture : SandboxFixture
{
    /// <inheritdoc />
    protected override IReadOnlyList<string> InitialManifests => [Path.Combine("config", "crd", "bases")];
}
