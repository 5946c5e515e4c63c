namespace LlmOperator.Api.Graphs;

/// <summary>
/// Finds a path of calls that leads back where it started, for pipelines that call ModelDeployments,
/// some of them pipelines themselves: the operator refuses to serve one, and llmop validate reports it.
/// </summary>
public static class CallCycle
{
    /// <summary>
    /// The path from <paramref name="start"/> back to it (for example [a, b, a]), or null. <paramref name="callsOf"/>
    /// gives what a name calls, or null for a name that calls nothing (a model, or one not defined).
    /// </summary>
    public static IReadOnlyList<string>? From(string start, Func<string, IEnumerable<string>?> callsOf)
    {
        ArgumentNullException.ThrowIfNull(callsOf);
        var path = new List<string> { start };
        var visited = new HashSet<string>(StringComparer.Ordinal);
        return Walk(start) ? path : null;

        bool Walk(string current)
        {
            if (!visited.Add(current) || callsOf(current) is not { } calls)
            {
                return false;
            }

            foreach (var next in calls.Distinct(StringComparer.Ordinal))
            {
                path.Add(next);
                if (next == start || Walk(next))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }

            return false;
        }
    }
}
