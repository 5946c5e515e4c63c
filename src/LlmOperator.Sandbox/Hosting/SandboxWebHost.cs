using Microsoft.AspNetCore.Builder;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>
/// The sandbox's web hosts (its API server and its Service proxy): ASP.NET Core's slim builder without configuration
/// reload, which would otherwise watch the whole working directory, recursively, for an appsettings.json the sandbox
/// never reads. The sandbox shares no project with the operator runtime, which has the same rule (SlimWebHost).
/// </summary>
internal static class SandboxWebHost
{
    public static WebApplicationBuilder CreateBuilder() => WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
}
