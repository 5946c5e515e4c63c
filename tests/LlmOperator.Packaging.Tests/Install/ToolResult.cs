namespace LlmOperator.Packaging.Tests.Install;

/// <summary>How a command-line tool ended and what it printed.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <summary>Throws unless the tool exited 0; returns its output.</summary>
    public string Succeeded() => ExitCode == 0 ? Output : throw new InvalidOperationException($"exited {ExitCode}: {Error}{Output}");
}
