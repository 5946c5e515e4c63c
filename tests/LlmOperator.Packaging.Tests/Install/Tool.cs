using System.Diagnostics;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>Runs a command-line tool to its end from the repository root.</summary>
public static class Tool
{
    /// <summary>Runs <paramref name="program"/> with the arguments; kills it after two minutes.</summary>
    public static async Task<ToolResult> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = LlmOperator.Testing.RepositoryPaths.Root,
        };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within two minutes");
        }

        return new ToolResult(process.ExitCode, await output, await error);
    }
}
