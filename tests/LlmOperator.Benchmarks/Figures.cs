using System.Globalization;

namespace LlmOperator.Benchmarks;

/// <summary>How figures are written in the benchmark tables.</summary>
internal static class Figures
{
    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

    public static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
