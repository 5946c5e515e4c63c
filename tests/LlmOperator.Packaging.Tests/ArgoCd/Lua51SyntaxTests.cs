namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>The scripts keep to Lua 5.1, the language of Argo CD's gopher-lua.</summary>
public sealed class Lua51SyntaxTests
{
    public static TheoryData<string> Scripts() => [.. ArgoCdCustomizations.AllScripts()];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void The_script_uses_nothing_newer_than_lua_5_1(string relativePath)
    {
        var script = File.ReadAllText(Path.Combine(ArgoCdCustomizations.Root, relativePath));

        Assert.Equal([], Lua51Syntax.Problems(script).ToArray());
    }

    [Theory]
    [InlineData("local half = n // 2")]
    [InlineData("local mask = a & 0xff")]
    [InlineData("local flipped = ~a")]
    [InlineData("goto done")]
    [InlineData("local x <const> = 1")]
    [InlineData("local a, b = table.unpack(list)")]
    [InlineData("if math.type(n) == 'integer' then end")]
    public void Constructs_of_later_versions_are_found(string line)
    {
        Assert.NotEmpty(Lua51Syntax.Problems(line));
    }

    [Theory]
    [InlineData("if a ~= b and c <= d or e >= f then end")]
    [InlineData("-- a comment with // and & in it")]
    [InlineData("local s = \"a // b & c\" .. 'x | y'")]
    [InlineData("local n = #list")]
    public void Lua_5_1_code_passes(string line)
    {
        Assert.Empty(Lua51Syntax.Problems(line));
    }
}
