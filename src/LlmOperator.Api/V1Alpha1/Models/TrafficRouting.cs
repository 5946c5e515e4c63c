namespace LlmOperator.Api.V1Alpha1;

/// <summary>How traffic is split between the stable and canary revisions.</summary>
public sealed class TrafficRouting
{
    /// <summary>Split traffic with a Gateway API HTTPRoute that the operator creates and owns.</summary>
    public GatewayApiRouting? GatewayApi { get; set; }
}
