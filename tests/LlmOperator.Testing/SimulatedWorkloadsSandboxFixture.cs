using LlmOperator.Sandbox.Hosting;

namespace LlmOperator.Testing;

/// <summary>
/// A sandbox whose pods are all simulated, the operator's image included: for tests of what an install creates,
/// where a real operator process would only add load and ports.
/// </summary>
public sealed class SimulatedWorkloadsSandboxFixture : SandboxFixture
{
    /// <inheritdoc />
    protected override SandboxOptions Options
    {
        get
        {
            var options = base.Options;
            options.OperatorImage = "simulated.invalid/no-process";
            return options;
        }
    }
}
