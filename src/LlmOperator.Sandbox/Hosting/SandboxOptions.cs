using System.ComponentModel.DataAnnotations;
using LlmOperator.Sandbox.Faults;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>Settings of a sandbox API server and its simulated workloads.</summary>
public sealed class SandboxOptions
{
    /// <summary>The loopback port to listen on; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>The bearer token clients must send; a random one when null.</summary>
    public string? Token { get; set; }

    /// <summary>How many changes per resource the watch history keeps before answering Gone.</summary>
    [Range(10, 10_000_000)]
    public int WatchHistorySize { get; set; } = 50_000;

    /// <summary>How often an idle watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a watch lasts when the client does not say (the API server's is 30 to 60 minutes).</summary>
    public TimeSpan DefaultWatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a simulated pod (one that runs no process) takes to become ready.</summary>
    public TimeSpan PodReadyDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a simulated container that runs to completion (a Job's) runs before it succeeds; null
    /// takes <see cref="PodReadyDelay"/>. Benchmarks that stand in for such a container's work set it.
    /// </summary>
    public TimeSpan? SimulatedJobDuration { get; set; }

    /// <summary>
    /// The image whose containers run as real local processes: any tag of this repository, for example
    /// ghcr.io/llmoperator/llmop, runs the llmop command line.
    /// </summary>
    public string OperatorImage { get; set; } = "ghcr.io/llmoperator/llmop";

    /// <summary>
    /// How to start llmop for a container of the operator image: the program and the arguments that come
    /// before the container's own (for example dotnet and the path of llmop.dll). Null runs nothing:
    /// such pods are simulated like any other.
    /// </summary>
    public IReadOnlyList<string>? LlmopCommand { get; set; }

    /// <summary>
    /// A file to keep the pods that run as processes in, as Prometheus file-based service discovery reads
    /// them (with the labels its Kubernetes discovery gives a pod), so that a local Prometheus scrapes them
    /// as a cluster's would; null writes none.
    /// </summary>
    public string? ScrapeTargetsPath { get; set; }

    /// <summary>Faults injected from the start: dropped watches and failed requests.</summary>
    public FaultOptions Faults { get; } = new();
}
