using System.Text;
using System.Text.RegularExpressions;

namespace LlmOperator.Evaluation.Reports.Html;

/// <summary>
/// Two answers side by side with what differs marked: the words only the first has in <c>del</c>, the
/// words only the second has in <c>ins</c> (a longest common subsequence of words, spaces and punctuation).
/// </summary>
public static partial class WordDiff
{
    // Beyond this many tokens on either side the table of the subsequence grows too large: the texts are shown unmarked.
    private const int MaxTokens = 1500;

    /// <summary>The two texts as HTML, differences marked; unmarked when either is missing or too long.</summary>
    public static (string Left, string Right) Mark(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return (HtmlPage.Encode(left), HtmlPage.Encode(right));
        }

        var a = Tokens().Matches(left).Select(m => m.Value).ToArray();
        var b = Tokens().Matches(right).Select(m => m.Value).ToArray();
        if (a.Length > MaxTokens || b.Length > MaxTokens)
        {
            return (HtmlPage.Encode(left), HtmlPage.Encode(right));
        }

        // common[i, j]: the length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var removed = new Marked("del");
        var added = new Marked("ins");
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                removed.Same(a[x++]);
                added.Same(b[y++]);
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                added.Changed(b[y++]);
            }
            else
            {
                removed.Changed(a[x++]);
            }
        }

        return (removed.ToString(), added.ToString());
    }

    [GeneratedRegex(@"\s+|\w+|[^\w\s]")]
    private static partial Regex Tokens();

    // One side's HTML: runs of changed tokens inside one element of the given tag.
    private sealed class Marked(string tag)
    {
        private readonly StringBuilder _html = new();
        private bool _open;

        public void Same(string token)
        {
            Close();
            _html.Append(HtmlPage.Encode(token));
        }

        public void Changed(string token)
        {
            if (!_open)
            {
                _html.Append('<').Append(tag).Append('>');
                _open = true;
            }

            _html.Append(HtmlPage.Encode(token));
        }

        public override string ToString()
        {
            Close();
            return _html.ToString();
        }

        private void Close()
        {
            if (_open)
            {
                _html.Append("</").Append(tag).Append('>');
                _open = false;
            }
        }
    }
}
