using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Live.Prometheus;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>Gate metrics and query results built by hand, as a gate and Prometheus would give them.</summary>
internal static class Metrics
{
    public static GateMetric Spec(string? success = "result < 1.5", string? failure = null, int count = 1, int failureLimit = 0, int inconclusiveLimit = 0,
        int consecutiveErrorLimit = 4) => new()
        {
            Name = "ttft",
            Prometheus = new PrometheusQuery { Address = "http://prom:9090", Query = "q" },
            SuccessCondition = success,
            FailureCondition = failure,
            Count = count,
            FailureLimit = failureLimit,
            InconclusiveLimit = inconclusiveLimit,
            ConsecutiveErrorLimit = consecutiveErrorLimit,
            Interval = "10ms",
        };

    public static CompiledMetric Compiled(GateMetric spec, bool range = false) => new(
        spec,
        spec.Prometheus.Query,
        spec.SuccessCondition is { } s ? MetricCondition.Compile(s, $"metric {spec.Name}: successCondition") : null,
        spec.FailureCondition is { } f ? MetricCondition.Compile(f, $"metric {spec.Name}: failureCondition") : null,
        TimeSpan.Zero,
        TimeSpan.FromMilliseconds(10),
        TimeSpan.FromSeconds(5),
        range ? (TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15)) : null);

    public static CompiledMetric Compiled(string? success = "result < 1.5", string? failure = null) => Compiled(Spec(success, failure));

    public static PrometheusResult Vector(params double[] values) =>
        new("vector", [.. values.Select((v, i) => Series(new Dictionary<string, string> { ["pod"] = $"p{i}" }, v))]);

    public static PrometheusResult One(double value) => new("vector", [Series(new Dictionary<string, string>(), value)]);

    public static PrometheusResult Matrix(params double[] values) => new("matrix", [Series(new Dictionary<string, string>(), values)]);

    private static PrometheusSeries Series(Dictionary<string, string> labels, params double[] values) =>
        new(labels, [.. values.Select((v, i) => new PrometheusSample(DateTimeOffset.UnixEpoch.AddSeconds(i), v))]);
}
