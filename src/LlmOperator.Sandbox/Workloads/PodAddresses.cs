using System.Net;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Gives each pod its own loopback address: Linux routes all of 127/8 to the loopback device, so every
/// pod's process can listen on its container port without clashing. Each sandbox starts at a random
/// place in 127.1.0.0 to 127.254.255.255, so that sandboxes running side by side (test classes, CI jobs)
/// do not hand out the same addresses.
/// </summary>
internal sealed class PodAddresses
{
    private const int First = 1 << 16;
    private const int Count = 254 << 16;
    private int _next = Random.Shared.Next(Count);

    /// <summary>The next free pod IP.</summary>
    public IPAddress Allocate()
    {
        while (true)
        {
            var n = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            var last = (byte)n;
            // Skip the network and broadcast-looking ends of each /24: some tools refuse them.
            if (last is not (0 or 255))
            {
                return new IPAddress([127, (byte)(n >> 16), (byte)(n >> 8), last]);
            }
        }
    }
}
