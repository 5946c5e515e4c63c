namespace LlmOperator.Testing;

/// <summary>What a kubectl run printed and how it exited.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    /// <summary>Throws unless kubectl exited 0; returns the output.</summary>
    public string Succeeded() => ExitCode == 0 ? Output : throw new InvalidOperationException($"kubectl exited {ExitCode}: {Error}{Output}");
}
