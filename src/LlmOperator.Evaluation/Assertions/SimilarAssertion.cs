using System.Globalization;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// similar: the cosine similarity of the answer's and the value's embeddings is at least threshold
/// (default 0.75); with a list of values, similar to any of them (not-similar: to none of them).
/// </summary>
internal sealed class SimilarAssertion : CompiledAssertion
{
    /// <summary>The threshold when none is given, as in promptfoo.</summary>
    public const double DefaultThreshold = 0.75;

    private readonly IReadOnlyList<string> _values;
    private readonly OpenAiClient _embedder;
    private readonly EmbeddingCache _cache;

    /// <summary>Checks the value; the embedder is the assertion's provider.</summary>
    public SimilarAssertion(AssertionSpec spec, OpenAiClient embedder, EmbeddingCache cache)
        : base(spec)
    {
        _values = spec.Value is System.Text.Json.Nodes.JsonArray ? AssertionValues.RequireList(spec) : [AssertionValues.RequireText(spec)];
        _embedder = embedder;
        _cache = cache;
    }

    /// <inheritdoc />
    public override async ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var threshold = Spec.Threshold ?? DefaultThreshold;
        float[] output;
        try
        {
            output = await _embedder.EmbedAsync(input.Output, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException e)
        {
            throw new AssertionException($"{Spec.Where}: embedding the answer failed: {e.Message}", e);
        }

        var best = double.NegativeInfinity;
        foreach (var value in _values)
        {
            float[] expected;
            try
            {
                expected = await _cache.GetAsync(_embedder, value, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelCallException e)
            {
                throw new AssertionException($"{Spec.Where}: embedding the value failed: {e.Message}", e);
            }

            best = Math.Max(best, Cosine(expected, output, Spec.Where));
        }

        // Any value close enough passes similar; not-similar passes only when no value is that close.
        var similar = best >= threshold - double.Epsilon;
        var text = best.ToString("0.00", CultureInfo.InvariantCulture);
        var reason = similar
            ? $"Similarity {text} is greater than or equal to threshold {threshold}"
            : $"Similarity {text} is less than threshold {threshold}";
        return Scored(similar != Spec.Inverse, Spec.Inverse ? 1 - best : best, reason);
    }

    /// <summary>The cosine similarity of two vectors of the same length.</summary>
    public static double Cosine(float[] a, float[] b, string where)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            throw new AssertionException($"{where}: embeddings of different lengths ({a.Length} and {b.Length}) cannot be compared");
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            normA += a[i] * (double)a[i];
            normB += b[i] * (double)b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / (Math.Sqrt(normA) * Math.Sqrt(normB));
    }
}
