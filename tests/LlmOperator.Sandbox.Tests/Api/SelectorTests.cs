using LlmOperator.Sandbox.Api;

namespace LlmOperator.Sandbox.Tests.Api;

public class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "llama", ["tier"] = "canary", ["llmoperator.io/revision"] = "abc" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=llama", true)]
    [InlineData("app==llama", true)]
    [InlineData("app!=llama", false)]
    [InlineData("app=llama,tier=stable", false)]
    [InlineData("tier in (canary, stable)", true)]
    [InlineData("tier notin (canary)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("llmoperator.io/revision", true)]
    [InlineData("!llmoperator.io/revision", false)]
    [InlineData("!missing,app in (llama),tier", true)]
    public void Label_selectors_match_as_the_API_server_matches(string selector, bool matches)
    {
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));
    }

    [Fact]
    public void A_malformed_label_selector_is_a_bad_request()
    {
        var error = Assert.Throws<ApiException>(() => LabelSelector.Parse("=llama"));

        Assert.Equal(400, error.Code);
        Assert.StartsWith("unable to parse requirement", error.Message, StringComparison.Ordinal);
    }
}
