using System.Text.RegularExpressions;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// Finds what Lua 5.1 (Argo CD's gopher-lua) does not have but Lua 5.4, which the tests run, accepts:
/// integer division, bitwise operators, goto and labels, variable attributes, and the library functions
/// added after 5.1. Comments and strings are blanked first.
/// </summary>
public static partial class Lua51Syntax
{
    private static readonly (string Pattern, string What)[] Later =
    [
        (@"//", "integer division (5.3)"),
        (@"(?<![~<>=])[&|](?!\|)|~(?!=)|<<|>>", "a bitwise operator (5.3)"),
        (@"\bgoto\b|::\w+::", "goto or a label (5.2)"),
        (@"<\s*(const|close)\s*>", "a variable attribute (5.4)"),
        (@"\btable\.(unpack|move|pack)\b", "table.unpack, table.move or table.pack (5.2+); 5.1 has unpack"),
        (@"\bmath\.(type|tointeger|ult)\b|\bmath\.(maxinteger|mininteger)\b", "an integer function of math (5.3)"),
        (@"\bstring\.(pack|unpack|packsize)\b|\butf8\.", "string packing or utf8 (5.3)"),
        (@"\b(load)\s*\(\s*[^)]*,\s*[^)]*,\s*[^)]*,", "load with an environment (5.2)"),
        (@"\b_ENV\b|\brawlen\b", "_ENV or rawlen (5.2)"),
    ];

    /// <summary>One line per construct the script uses that Lua 5.1 lacks.</summary>
    public static IReadOnlyList<string> Problems(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var code = Blank(script);
        var lines = code.Split('\n');
        var problems = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (pattern, what) in Later)
            {
                if (Regex.IsMatch(lines[i], pattern))
                {
                    problems.Add($"line {i + 1}: {what}: {lines[i].Trim()}");
                }
            }
        }

        return problems;
    }

    // Comments and string contents become spaces (line breaks kept), so that only code is searched.
    private static string Blank(string script) => CommentOrString().Replace(script, m => new string([.. m.Value.Select(c => c == '\n' ? '\n' : ' ')]));

    [GeneratedRegex(@"--\[(=*)\[[\s\S]*?\]\1\]|--[^\n]*|\[(=*)\[[\s\S]*?\]\2\]|""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])*'")]
    private static partial Regex CommentOrString();
}
