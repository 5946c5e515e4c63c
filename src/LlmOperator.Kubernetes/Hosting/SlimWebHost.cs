using Microsoft.AspNetCore.Builder;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>
/// ASP.NET Core's slim builder without configuration reload. llmop reads no appsettings.json, yet the default
/// host watches for one under its content root, the working directory, with a recursive inotify watch: in a
/// source checkout that was 8,805 directories walked at start and kept watched for the life of every operator,
/// dashboard and pod server process (issue 20).
/// </summary>
public static class SlimWebHost
{
    // The host setting, as a command-line argument, that turns the reload off.
    private const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>A slim builder with <paramref name="args"/> and no configuration reload.</summary>
    public static WebApplicationBuilder CreateBuilder(string[]? args = null) =>
        WebApplication.CreateSlimBuilder([.. args ?? [], NoConfigReload]);
}
