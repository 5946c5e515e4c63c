using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Kubernetes.Leadership;

/// <summary>
/// Leader election on a coordination.k8s.io Lease (client-go's rules): the leader renews within
/// <see cref="RenewDeadline"/> or steps down; a standby takes over once <see cref="LeaseDuration"/>
/// passes without a renewal, or at once when the leader releases the Lease on shutdown.
/// </summary>
public sealed class LeaderElectionOptions : IValidatableObject
{
    /// <summary>The client-go jitter factor: the renew deadline must exceed this many retry periods.</summary>
    public const double JitterFactor = 1.2;

    /// <summary>Whether to elect a leader; when off, this replica runs the controllers at once.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Lease's name.</summary>
    [Required, MaxLength(253)]
    public string LeaseName { get; set; } = "llm-operator-leader";

    /// <summary>The Lease's namespace; $POD_NAMESPACE in a cluster, else default.</summary>
    [Required, MaxLength(63)]
    public string LeaseNamespace { get; set; } = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default";

    /// <summary>This replica's identity in the Lease; the host name and a random suffix by default.</summary>
    [Required]
    public string Identity { get; set; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How long a Lease holds without renewal (whole seconds: the Lease stores seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it steps down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire and the leader renews.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether a leader that shuts down clears the Lease, so a standby takes over at once.</summary>
    public bool ReleaseOnShutdown { get; set; } = true;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseDuration <= RenewDeadline)
        {
            yield return new ValidationResult("LeaseDuration must be longer than RenewDeadline.", [nameof(LeaseDuration)]);
        }

        if (RenewDeadline <= RetryPeriod * JitterFactor)
        {
            yield return new ValidationResult($"RenewDeadline must be longer than {JitterFactor} × RetryPeriod.", [nameof(RenewDeadline)]);
        }

        if (LeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return new ValidationResult("LeaseDuration must be whole seconds.", [nameof(LeaseDuration)]);
        }
    }
}
