namespace LlmOperator.Cli;

/// <summary>How to start this same llmop executable as another process (the sandbox runs pods of the operator image with it).</summary>
internal static class LlmopProcess
{
    /// <summary>The program and leading arguments that run llmop: the apphost itself, or dotnet with llmop.dll.</summary>
    public static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = Path.Combine(AppContext.BaseDirectory, "llmop.dll");
        return Path.GetFileNameWithoutExtension(process) == "llmop" ? [process] : [process, dll];
    }
}
