namespace LlmOperator.Api.Text;

/// <summary>Levenshtein edit distance between strings.</summary>
public static class EditDistance
{
    /// <summary>The fewest single-character insertions, deletions and substitutions that turn one string into the other.</summary>
    public static int Levenshtein(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The candidate closest to a misspelt word, if one is close enough to be what was meant.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        // Two edits cover the common typos (a swapped pair of letters is two); longer words may drift by three.
        var limit = Math.Clamp(word.Length / 3, 2, 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Closeness(word, c)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    // A different case or a cut-short word ("ModelDeploy") is as likely a slip as a single typo.
    private static int Closeness(string word, string candidate) =>
        string.Equals(candidate, word, StringComparison.OrdinalIgnoreCase) ? 0
        : word.Length >= 4 && candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase) ? 1
        : Levenshtein(word, candidate);
}
