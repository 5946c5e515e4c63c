namespace LlmOperator.Api.V1Alpha1;

/// <summary>The assertions a gate writes in its spec: its defaultAssert and those of its inline cases (not a ConfigMap dataset's).</summary>
public static class GateAssertions
{
    /// <summary>The defaultAssert, then each inline case's assertions.</summary>
    public static IEnumerable<Assertion> Of(EvaluationGateSpec gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return (gate.DefaultAssert ?? []).Concat((gate.Dataset?.Cases ?? []).SelectMany(c => c.Assert ?? []));
    }
}
