using Microsoft.Extensions.Hosting;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>
/// The lifetime of a web host embedded in another program: it does not take over SIGTERM or Ctrl+C
/// (the default console lifetime would, and the program around it would never hear of them).
/// </summary>
public sealed class EmbeddedLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
