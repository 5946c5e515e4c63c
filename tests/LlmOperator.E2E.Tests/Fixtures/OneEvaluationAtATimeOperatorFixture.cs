using LlmOperator.Controllers.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>The sandbox with an operator that runs one evaluation Job at a time.</summary>
public sealed class OneEvaluationAtATimeOperatorFixture : OperatorSandboxFixture
{
    /// <inheritdoc />
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<ControllerOptions>(o => o.MaxConcurrentEvaluations = 1);
}
