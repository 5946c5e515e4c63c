using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Live;

/// <summary>How one measurement landed.</summary>
/// <param name="Phase">Successful, Failed, Inconclusive or Error.</param>
/// <param name="Value">The value measured, as text, when there was one.</param>
/// <param name="Message">Why it landed there, when it is not a plain success.</param>
/// <param name="Final">
/// Whether measuring again cannot help: the query is refused, gives several series, or a condition cannot
/// be evaluated. The metric then ends in Error at once.
/// </param>
internal sealed record Measured(MeasurementPhase Phase, string? Value, string? Message, bool Final = false);
