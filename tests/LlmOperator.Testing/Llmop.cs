namespace LlmOperator.Testing;

/// <summary>The llmop built in this repository, for tests that run it as a process.</summary>
public static class Llmop
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The path of llmop.dll (the solution builds it before the tests run).</summary>
    public static string Dll => RepositoryPaths.Combine("src", "LlmOperator", "bin", Configuration, "net10.0", "llmop.dll");

    /// <summary>The command line that starts llmop.</summary>
    public static IReadOnlyList<string> Command => ["dotnet", Dll];
}
