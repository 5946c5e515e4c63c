using System.Text;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Reports;

/// <summary>
/// The JSON results cut to fit a size limit (a ConfigMap holds at most 1 MiB): answers are shortened
/// first, then cases are left out, those that passed before those that did not. What was cut is stated
/// plainly in the document's "truncated" field.
/// </summary>
internal static class BoundedResults
{
    /// <summary>The default limit: below the 1 MiB of a ConfigMap, with room for its metadata.</summary>
    public const int DefaultMaxBytes = 900 * 1024;

    private static readonly int?[] OutputLimits = [null, 2000, 500, 100, 0];

    /// <summary>The results as compact JSON of at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string Build(EvaluationReport report, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var limit in OutputLimits)
        {
            var note = limit is null
                ? null
                : $"answers longer than {limit} characters were shortened to fit the {Kib(maxBytes)} limit of the results ConfigMap";
            var text = JsonReport.Build(report, limit, null, note).ToJsonString(JsonReport.SerializerOptions);
            if (Fits(text, maxBytes))
            {
                return text;
            }
        }

        // Keep the cases that did not pass (they explain the verdict), and as many of the others as fit.
        var ranked = report.Endpoints.SelectMany(e => e.Cases).OrderBy(c => c.Outcome == CaseOutcome.Passed ? 1 : 0).ToList();
        var total = ranked.Count;
        for (var kept = total / 2; ; kept /= 2)
        {
            var keep = ranked.Take(kept).ToHashSet();
            var note = $"only {kept} of {total} case results are listed (those that did not pass first) and answers were shortened to 0 characters, " +
                $"to fit the {Kib(maxBytes)} limit of the results ConfigMap; the summary covers every case";
            var text = JsonReport.Build(report, 0, keep.Contains, note).ToJsonString(JsonReport.SerializerOptions);
            if (Fits(text, maxBytes) || kept == 0)
            {
                return text;
            }
        }
    }

    private static bool Fits(string text, int maxBytes) => Encoding.UTF8.GetByteCount(text) <= maxBytes;

    private static string Kib(int bytes) => $"{bytes / 1024} KiB";
}
