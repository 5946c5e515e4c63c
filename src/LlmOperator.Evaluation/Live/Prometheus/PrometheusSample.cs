namespace LlmOperator.Evaluation.Live.Prometheus;

/// <summary>One value of a series at one time, as Prometheus gave it (NaN and infinities included).</summary>
/// <param name="Time">The sample's time.</param>
/// <param name="Value">The value.</param>
public readonly record struct PrometheusSample(DateTimeOffset Time, double Value);
