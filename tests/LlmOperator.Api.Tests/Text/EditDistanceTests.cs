using LlmOperator.Api.Text;

namespace LlmOperator.Api.Tests.Text;

public class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("abc", "", 3)]
    [InlineData("same", "same", 0)]
    public void Levenshtein_counts_single_character_edits(string a, string b, int distance)
    {
        Assert.Equal(distance, EditDistance.Levenshtein(a, b));
        Assert.Equal(distance, EditDistance.Levenshtein(b, a));
    }

    [Theory]
    [InlineData("replica", "replicas")]
    [InlineData("modle", "model")]
    [InlineData("Engine", "engine")]
    [InlineData("ModelDeploy", "ModelDeployment")]
    [InlineData("gpuCount", null)]
    [InlineData("x", null)]
    public void Suggests_the_field_that_was_probably_meant(string typo, string? expected)
    {
        Assert.Equal(expected, EditDistance.Suggest(typo, ["replicas", "model", "engine", "ModelDeployment", "image"]));
    }
}
