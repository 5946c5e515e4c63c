using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>A finished run built by hand, for the report writers.</summary>
internal static class SampleReport
{
    public static EvaluationReport Build(int cases = 4, int outputLength = 20)
    {
        var results = Enumerable.Range(0, cases).Select(i =>
        {
            var pass = i % 4 != 3;
            var outcomes = new List<AssertionOutcome>
            {
                new("contains", pass, pass ? 1 : 0, pass ? "Assertion passed" : "Expected output to contain \"42\"", 1, "accuracy"),
            };
            var attempt = i == 2
                ? AttemptResult.Failure(1, "mock-llm at http://m/v1/: HTTP 500: injected error (4 attempts)", requests: 4)
                : new AttemptResult(1, new string('x', outputLength), CaseScore.From(outcomes), outcomes, 50 + i, 20, 12, 6, null, 1, null);
            return new CaseResult($"case-{i}", i == 0, ["tag"], [attempt]);
        }).ToList();
        var candidate = new EndpointResults("candidate", "http://m/v1/", "m", results);
        var verdict = VerdictCalculator.Decide(candidate, null, new GatePolicy(new Thresholds { MinPassRate = 0.5 }, new ComparisonPolicy(), 1, 100));
        var started = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        return new EvaluationReport("run-7", "support-quality", new string('a', 64), started, started.AddSeconds(2.5), candidate, null, verdict, DryRun: false);
    }
}
