namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// A garbage collector setting for the operator process, as environment variables (the runtime reads them at
/// start, over runtimeconfig.json): workstation, concurrent (background gen2 collections on a thread of their
/// own) or not, server with a heap per core, or server with DATAS (dynamic adaptation to the application's
/// size, which starts with one heap and adds more under load).
/// "default" leaves llmop's own runtimeconfig.json as it is; "segments" loads the runtime's segments collector (libclrgc.so,
/// the one before regions, shipped beside it); "limit-Nmb" ("limit-384mb") sets the heap hard limit that the runtime sets by
/// itself in a container with a memory limit (75% of it: 384 MB for the chart's 512 Mi); "gen0-Nmb" ("gen0-4mb") sets the gen0
/// budget through the runtime's undocumented DOTNET_GCgen0size, for measuring what a smaller one saves. "+" combines them
/// ("segments+limit-384mb").
/// </summary>
public sealed record GcMode(string Name, IReadOnlyDictionary<string, string> Environment)
{
    private const string Expected =
        "expected default, workstation, workstation-nonconcurrent, server, datas, segments, limit-<N>mb or gen0-<N>mb, or several joined by +";

    /// <summary>The mode named on the command line (--gc).</summary>
    public static GcMode Parse(string name)
    {
        var environment = new Dictionary<string, string>();
        foreach (var part in name.Split('+'))
        {
            foreach (var (variable, value) in Variables(part, name))
            {
                environment[variable] = value;
            }
        }

        return new(name, environment);
    }

    private static Dictionary<string, string> Variables(string part, string name) => part switch
    {
        "default" => [],
        "workstation" => new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "1" },
        "workstation-nonconcurrent" => new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "0" },
        "server" => new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "0" },
        "datas" => new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "1" },
        "segments" => new() { ["DOTNET_GCName"] = "libclrgc.so" },
        _ when Megabytes(part, "limit-") is { } mb => new() { ["DOTNET_GCHeapHardLimit"] = $"0x{mb * 1024L * 1024:x}" },
        _ when Megabytes(part, "gen0-") is { } mb => new() { ["DOTNET_GCgen0size"] = $"0x{mb * 1024L * 1024:x}" },
        _ => throw new ArgumentException($"--gc {name}: {Expected}"),
    };

    // The N of "<prefix>Nmb", or null when the part is not of that form.
    private static int? Megabytes(string part, string prefix) =>
        part.StartsWith(prefix, StringComparison.Ordinal) && part.EndsWith("mb", StringComparison.Ordinal)
        && int.TryParse(part[prefix.Length..^"mb".Length], out var mb) && mb > 0
            ? mb
            : null;
}
