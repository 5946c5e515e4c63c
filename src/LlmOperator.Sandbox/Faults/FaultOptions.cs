using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Sandbox.Faults;

/// <summary>
/// Faults a sandbox injects from the moment it starts, for a whole run under chaos (tests inject the
/// same faults for a while through <see cref="FaultInjector"/>).
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Closes every open watch this often; null never does.</summary>
    public TimeSpan? DropWatchesEvery { get; set; }

    /// <summary>The share of requests that fail, split evenly over <see cref="FailureCodes"/>.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }

    /// <summary>The codes failed requests answer with; a 429 or 503 carries Retry-After: 1.</summary>
    public IReadOnlyList<int> FailureCodes { get; set; } = [500, 429];

    /// <summary>Only the requests of clients whose User-Agent contains this fail; null fails any client's.</summary>
    public string? UserAgentContains { get; set; }

    /// <summary>Sets these faults on <paramref name="faults"/>.</summary>
    public void ApplyTo(FaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (DropWatchesEvery is { } every)
        {
            faults.DropWatchesEvery(every);
        }

        if (FailureRate > 0 && FailureCodes.Count > 0)
        {
            foreach (var code in FailureCodes)
            {
                faults.FailRandomly(
                    FailureRate / FailureCodes.Count,
                    code,
                    retryAfterSeconds: code is 429 or 503 ? 1 : null,
                    userAgentContains: UserAgentContains);
            }
        }
    }
}
