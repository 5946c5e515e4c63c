using System.Globalization;
using System.Text;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// A Prometheus histogram with fixed upper bounds, safe to observe from many requests at once, written in the
/// text exposition format as prometheus_client writes it (cumulative buckets, +Inf, _sum, _count).
/// </summary>
internal sealed class MetricHistogram(string name, string help, IReadOnlyList<double> bounds)
{
    private readonly long[] _counts = new long[bounds.Count + 1];
    private readonly Lock _gate = new();
    private double _sum;

    /// <summary>Counts one observation.</summary>
    public void Observe(double value)
    {
        var bucket = 0;
        while (bucket < bounds.Count && value > bounds[bucket])
        {
            bucket++;
        }

        lock (_gate)
        {
            _counts[bucket]++;
            _sum += value;
        }
    }

    /// <summary>Appends the histogram, its series labelled with <paramref name="labels"/> (already written as name="value" pairs).</summary>
    public void Write(StringBuilder text, string labels)
    {
        long[] counts;
        double sum;
        lock (_gate)
        {
            counts = [.. _counts];
            sum = _sum;
        }

        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
        long cumulative = 0;
        for (var i = 0; i <= bounds.Count; i++)
        {
            cumulative += counts[i];
            var le = i < bounds.Count ? bounds[i].ToString("0.0##########", CultureInfo.InvariantCulture) : "+Inf";
            text.Append(name).Append("_bucket{").Append(labels).Append(",le=\"").Append(le).Append("\"} ")
                .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append(name).Append("_sum{").Append(labels).Append("} ").Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        text.Append(name).Append("_count{").Append(labels).Append("} ").Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
