namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// Deterministic embeddings for tests: a hashed bag of lowercase words, normalised, so texts that share
/// words have a high cosine similarity and unrelated texts a low one.
/// </summary>
internal static class MockEmbeddings
{
    /// <summary>The vector length.</summary>
    public const int Dimensions = 64;

    /// <summary>The embedding of a text.</summary>
    public static float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimensions];
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetterOrDigit)]))
            .Where(w => w.Length > 0);
        foreach (var word in words)
        {
            var hash = StableHash.Of(word);
            vector[(int)(hash % Dimensions)] += (hash >> 32 & 1) == 0 ? 1 : -1;
        }

        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        return norm == 0 ? vector : [.. vector.Select(v => (float)(v / norm))];
    }
}
