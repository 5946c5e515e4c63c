using System.Text;

namespace LlmOperator.Cli;

/// <summary>Rows of text in left-aligned columns two spaces apart, as kubectl prints tables.</summary>
internal sealed class TextTable
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row (the first one is usually the header); null cells are empty.</summary>
    public void Add(params string?[] cells) => _rows.Add([.. cells.Select(c => c ?? "")]);

    /// <summary>Appends the table, each line starting with <paramref name="indent"/>; the last column is not padded.</summary>
    public void WriteTo(StringBuilder text, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_rows.Count == 0)
        {
            return;
        }

        var columns = _rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => _rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var row in _rows)
        {
            var line = new StringBuilder(indent);
            for (var c = 0; c < row.Length; c++)
            {
                line.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
