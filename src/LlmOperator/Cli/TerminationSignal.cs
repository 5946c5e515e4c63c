using System.Runtime.InteropServices;

namespace LlmOperator.Cli;

/// <summary>
/// Turns SIGTERM and Ctrl+C into a cancellation, so that a long-running command stops gracefully and
/// exits 0, as a container's main process should when Kubernetes stops it.
/// </summary>
internal sealed class TerminationSignal : IDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly PosixSignalRegistration[] _registrations;

    public TerminationSignal(CancellationToken linked)
    {
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _registrations = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A second signal while the command is already stopping: it is stopping.
            }
        }))];
    }

    /// <summary>Cancelled when the process is asked to stop.</summary>
    public CancellationToken Token => _stopping.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stopping.Dispose();
    }
}
