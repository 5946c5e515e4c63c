using System.Net;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Gives each pod its own loopback address (127.1.0.1, 127.1.0.2, ...): Linux routes all of 127/8 to
/// the loopback device, so every pod's process can listen on its container port without clashing.
/// </summary>
public sealed class PodAddresses
{
    private int _next;

    /// <summary>The next free pod IP.</summary>
    public IPAddress Allocate()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, (byte)(1 + (n >> 16) % 254), (byte)(n >> 8), (byte)n]);
    }
}
