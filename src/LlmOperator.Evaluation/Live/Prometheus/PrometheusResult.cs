namespace LlmOperator.Evaluation.Live.Prometheus;

/// <summary>What a query gave: its result type (vector, matrix, scalar or string) and its series.</summary>
/// <param name="ResultType">Prometheus's resultType.</param>
/// <param name="Series">The series; a scalar is one series without labels.</param>
public sealed record PrometheusResult(string ResultType, IReadOnlyList<PrometheusSeries> Series);
