namespace LlmOperator.Controllers.Common;

/// <summary>The meter of the controllers' own metrics (rollout and prompt decisions, phases, weights, pass rates).</summary>
internal static class ControllerMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "LlmOperator.Controllers";
}
