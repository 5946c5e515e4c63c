namespace LlmOperator.Pipelines.Execution;

/// <summary>
/// The most frequent answer, compared trimmed, case-insensitively and with runs of white space as one;
/// a tie goes to the answer given first, and the winner is returned as its first caller wrote it.
/// </summary>
internal static class EnsembleVote
{
    public static string Winner(IReadOnlyList<string> answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var normalised = answers.Select(Normalise).ToList();
        var best = 0;
        var bestVotes = 0;
        for (var i = 0; i < answers.Count; i++)
        {
            var votes = normalised.Count(n => n == normalised[i]);
            if (votes > bestVotes)
            {
                best = i;
                bestVotes = votes;
            }
        }

        return answers[best];
    }

    private static string Normalise(string answer) =>
        string.Join(' ', answer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
