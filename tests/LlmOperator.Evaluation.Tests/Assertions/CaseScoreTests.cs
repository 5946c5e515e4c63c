using LlmOperator.Evaluation.Assertions;

namespace LlmOperator.Evaluation.Tests.Assertions;

public class CaseScoreTests
{
    private static AssertionOutcome Outcome(bool pass, double score, double weight = 1, string? metric = null) =>
        new("t", pass, score, pass ? "Assertion passed" : "nope", weight, metric);

    [Fact]
    public void The_case_score_is_the_weighted_mean_and_every_assertion_must_pass()
    {
        var score = CaseScore.From([Outcome(true, 1, weight: 3), Outcome(false, 0, weight: 1), Outcome(true, 0.5, weight: 2)]);

        Assert.False(score.Pass);
        Assert.Equal((3 + 0 + 1) / 6.0, score.Score, 12);
        Assert.Equal("t: nope", score.FailureReason);
    }

    [Fact]
    public void A_weight_of_zero_leaves_the_score_but_still_fails_the_case()
    {
        var score = CaseScore.From([Outcome(true, 1), Outcome(false, 0, weight: 0)]);

        Assert.False(score.Pass);
        Assert.Equal(1, score.Score);
        Assert.Equal(0, CaseScore.From([Outcome(true, 1, weight: 0)]).Score);
    }

    [Fact]
    public void Named_metrics_are_weighted_means_of_their_assertions()
    {
        var score = CaseScore.From([Outcome(true, 1, 1, "accuracy"), Outcome(false, 0.4, 3, "accuracy"), Outcome(true, 0.9, 1, "policy")]);

        Assert.Equal((1 + 1.2) / 4, score.Metrics["accuracy"], 12);
        Assert.Equal(0.9, score.Metrics["policy"]);
    }

    [Fact]
    public void A_case_without_assertions_passes_with_score_one()
    {
        var score = CaseScore.From([]);

        Assert.True(score.Pass);
        Assert.Equal(1, score.Score);
    }
}
