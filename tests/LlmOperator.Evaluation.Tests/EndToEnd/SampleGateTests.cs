using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Gates;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.EndToEnd;

// The repository's sample gate, run as a user would with llmop eval --config against mock-llm (which
// echoes questions it has no answer for): its providers map to mock-llm, its prompt is the highest version.
public class SampleGateTests
{
    [Fact]
    public async Task The_support_quality_sample_runs_and_a_judge_without_a_grade_is_an_error_not_a_pass()
    {
        await using var server = await MockLlmHost.StartAsync();
        var providers = new Dictionary<string, string> { ["llama-chat"] = server.Url, ["hosted-chat"] = server.Url };
        var files = GateFiles.Load(
            [
                RepositoryPaths.Combine("config", "samples", "gates", "evaluationgate-support-quality.yaml"),
                RepositoryPaths.Combine("config", "samples", "prompts", "promptversion-support-answer-v1.yaml"),
                RepositoryPaths.Combine("config", "samples", "prompts", "promptversion-support-answer-v2.yaml"),
            ],
            null,
            providers);
        var options = Engine.Options();
        using var factory = Engine.Factory(options);
        var request = new PlanRequest(
            "sample", "support-quality", files.Gate.Spec, files, new EndpointRequest("candidate", server.Url, null), null, null, Seed: 1);
        var plan = await new EvaluationPlanBuilder(factory, new DatasetReader(options.DatasetLimits)).BuildAsync(request, CancellationToken.None);

        var report = await Engine.Runner(options).RunAsync(plan, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Failed, report.Verdict.Phase);
        Assert.Equal(
            "Failed: critical case \"reset-password\" failed: icontains-any: Expected output to contain one of \"reset link, forgot password\".",
            report.Verdict.Reason);
        var judged = report.Candidate.Cases.Single(c => c.Id == "outage-refund");
        Assert.Equal(CaseOutcome.Error, judged.Outcome);
        Assert.StartsWith(
            "case \"outage-refund\" assert[0] (llm-rubric): the judge's reply holds no JSON grade with pass or score: " +
            "\"You asked: <Output>\nYou asked: The API was down for two hours yesterday.",
            judged.Error);
        var billing = report.Candidate.Cases.Single(c => c.Id == "billing-currency").Attempts[0];
        Assert.Equal(["latency", "not-icontains", "similar", "icontains"], billing.Assertions.Select(a => a.Type));
        Assert.False(billing.Assertions[2].Pass);
        Assert.True(billing.Assertions[3].Pass);
        Assert.Equal("You asked: Can I pay my invoice in euros?", billing.Output);
    }
}
