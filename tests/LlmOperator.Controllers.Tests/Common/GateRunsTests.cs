using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.Common;

public class GateRunsTests
{
    private static readonly RunEndpoint Canary = new() { Url = "http://llama-canary.ml.svc/v1", Model = "llama", Revision = "abc" };
    private static readonly RunEndpoint Stable = new() { Url = "http://llama-stable.ml.svc/v1", Model = "llama", Revision = "def" };

    private static EvaluationRun New(EvaluationGateSpec gate) => GateRuns.New(
        new V1ObjectMeta { Name = "llama-abc-1-s0-quality", NamespaceProperty = "ml" },
        new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = "llama", Revision = "abc" },
        "quality",
        gate,
        Canary,
        Stable);

    [Fact]
    public void A_gate_that_compares_with_nothing_gets_no_baseline_unless_its_metrics_query_the_stable_revision()
    {
        var none = new ComparisonPolicy { Baseline = BaselinePolicy.None };
        var metric = new GateMetric
        {
            Name = "ttft",
            Prometheus = new PrometheusQuery { Address = "http://prom:9090", Query = "x{ {{ baseline.selector }} }" },
            SuccessCondition = "result < 1.5",
        };

        var thresholdsOnly = New(new EvaluationGateSpec { Dataset = new Dataset { Cases = [] }, Comparison = none });
        var withMetrics = New(new EvaluationGateSpec { Comparison = none, Metrics = [metric] });

        Assert.Null(thresholdsOnly.Spec.Baseline);
        Assert.Equal("def", withMetrics.Spec.Baseline!.Revision);
    }
}
