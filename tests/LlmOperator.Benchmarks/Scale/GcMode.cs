namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// A garbage collector setting for the operator process, as environment variables (the runtime reads them at
/// start, over runtimeconfig.json): workstation, concurrent (background gen2 collections on a thread of their
/// own) or not, server with a heap per core, or server with DATAS (dynamic adaptation to the application's
/// size, which starts with one heap and adds more under load).
/// "default" leaves llmop's own runtimeconfig.json as it is; "gen0-Nmb" ("gen0-4mb") sets the gen0 budget through the
/// runtime's undocumented DOTNET_GCgen0size, for measuring what a smaller one saves.
/// </summary>
public sealed record GcMode(string Name, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The mode named on the command line (--gc).</summary>
    public static GcMode Parse(string name) => name switch
    {
        "default" => new(name, new Dictionary<string, string>()),
        "workstation" => new(name, new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "1" }),
        "workstation-nonconcurrent" => new(name, new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "0" }),
        "server" => new(name, new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "0" }),
        "datas" => new(name, new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "1" }),
        _ when name.StartsWith("gen0-", StringComparison.Ordinal) && name.EndsWith("mb", StringComparison.Ordinal)
            && int.TryParse(name["gen0-".Length..^"mb".Length], out var mb) =>
            new(name, new Dictionary<string, string> { ["DOTNET_GCgen0size"] = $"0x{mb * 1024 * 1024:x}" }),
        _ => throw new ArgumentException($"--gc {name}: expected default, workstation, workstation-nonconcurrent, server, datas or gen0-<N>mb"),
    };
}
