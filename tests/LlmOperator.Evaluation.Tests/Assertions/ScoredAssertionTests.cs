using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Assertions;

public class ScoredAssertionTests
{
    [Fact]
    public void Levenshtein_allows_five_edits_by_default()
    {
        var assertion = new LevenshteinAssertion(Specs.Of(AssertionType.Levenshtein, "kitten"));

        Assert.True(Specs.Judge(assertion, "sitting").Pass);
        var far = Specs.Judge(assertion, "a completely different answer");
        Assert.False(far.Pass);
        Assert.Equal("Levenshtein distance 26 is greater than threshold 5", far.Reason);
    }

    [Fact]
    public void Levenshtein_threshold_is_the_most_edits_and_not_levenshtein_inverts()
    {
        Assert.False(Specs.Judge(new LevenshteinAssertion(Specs.Of(AssertionType.Levenshtein, "kitten", threshold: 2)), "sitting").Pass);
        Assert.True(Specs.Judge(new LevenshteinAssertion(Specs.Of(AssertionType.Levenshtein, "kitten", threshold: 3)), "sitting").Pass);
        Assert.True(Specs.Judge(new LevenshteinAssertion(Specs.Of(AssertionType.Levenshtein, "kitten", threshold: 0)), "kitten").Pass);
        Assert.False(Specs.Judge(new LevenshteinAssertion(Specs.Of(AssertionType.NotLevenshtein, "kitten", threshold: 3)), "sitting").Pass);
    }

    [Fact]
    public void Latency_passes_at_or_under_its_threshold()
    {
        var assertion = new LimitAssertion(Specs.Of(AssertionType.Latency, threshold: 4000));

        Assert.True(Specs.Judge(assertion, "x", latencyMs: 4000).Pass);
        var slow = Specs.Judge(assertion, "x", latencyMs: 4001);
        Assert.False(slow.Pass);
        Assert.Equal("Latency 4001ms is greater than threshold 4000ms", slow.Reason);
        Assert.True(Specs.Judge(new LimitAssertion(Specs.Of(AssertionType.NotLatency, threshold: 100)), "x", latencyMs: 150).Pass);
    }

    [Fact]
    public void Latency_and_cost_need_a_threshold()
    {
        var latency = Assert.Throws<AssertionConfigurationException>(() => new LimitAssertion(Specs.Of(AssertionType.Latency)));
        Assert.Equal("case \"c\" assert[0]: \"latency\" needs a threshold (the most milliseconds)", latency.Message);
        var cost = Assert.Throws<AssertionConfigurationException>(() => new LimitAssertion(Specs.Of(AssertionType.NotCost)));
        Assert.Equal("case \"c\" assert[0]: \"not-cost\" needs a threshold (the most a request may cost)", cost.Message);
    }

    [Fact]
    public void Cost_needs_a_cost_from_the_server_or_from_pricing()
    {
        var assertion = new LimitAssertion(Specs.Of(AssertionType.Cost, threshold: 0.002));

        Assert.True(Specs.Judge(assertion, "x", cost: 0.0015).Pass);
        var expensive = Specs.Judge(assertion, "x", cost: 0.0031);
        Assert.False(expensive.Pass);
        Assert.Equal("Cost 0.0031 is greater than threshold 0.002", expensive.Reason);
        var unknown = Assert.Throws<AssertionException>(() => Specs.Judge(assertion, "x", cost: null));
        Assert.Equal("case \"c\" assert[0]: the endpoint reported no cost and no pricing is set (execution.pricing)", unknown.Message);
    }
}
