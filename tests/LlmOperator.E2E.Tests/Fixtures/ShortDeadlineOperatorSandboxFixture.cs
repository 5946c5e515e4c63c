using LlmOperator.Controllers.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>The sandbox with an operator whose evaluation Jobs may run only 3 s past their gate's timeout, so that a hung one is stopped soon.</summary>
public sealed class ShortDeadlineOperatorSandboxFixture : OperatorSandboxFixture
{
    /// <summary>The evaluation Jobs' margin past their gate's timeout.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<ControllerOptions>(o => o.EvaluationDeadlineMargin = Margin);
}
