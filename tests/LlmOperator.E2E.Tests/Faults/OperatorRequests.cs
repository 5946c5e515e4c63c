using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Sandbox.Api;

namespace LlmOperator.E2E.Tests.Faults;

/// <summary>What the sandbox's request log says about the operator's own requests (by its User-Agent).</summary>
public static class OperatorRequests
{
    // API verbs of answered writes, and the HTTP methods that the log keeps for writes refused before routing ended (409, 422 ...).
    private static readonly HashSet<string> WriteVerbs = new(StringComparer.Ordinal)
    {
        "create",
        "update",
        "patch",
        "delete",
        "deletecollection",
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
    };

    /// <summary>The operator's requests since <paramref name="since"/>.</summary>
    public static IReadOnlyList<RequestRecord> Since(RequestLog log, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(log);
        return [.. log.Snapshot().Where(r => r.Time >= since && IsOperator(r))];
    }

    /// <summary>Whether the request came from an operator replica.</summary>
    public static bool IsOperator(RequestRecord record) =>
        record?.UserAgent.StartsWith(OperatorOptions.UserAgent + "/", StringComparison.Ordinal) == true;

    /// <summary>Whether it changed something.</summary>
    public static bool IsWrite(RequestRecord record) => WriteVerbs.Contains(record?.Verb ?? "");

    /// <summary>Whether it was a call on the leader election's Lease.</summary>
    public static bool IsLease(RequestRecord record) => record?.Path.Contains("/leases", StringComparison.Ordinal) == true;

    /// <summary>The replica's leader-election identity, from the comment its User-Agent carries, or null.</summary>
    public static string? Identity(RequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var open = record.UserAgent.IndexOf('(', StringComparison.Ordinal);
        var close = record.UserAgent.IndexOf(')', open + 1);
        return open >= 0 && close > open ? record.UserAgent[(open + 1)..close] : null;
    }
}
