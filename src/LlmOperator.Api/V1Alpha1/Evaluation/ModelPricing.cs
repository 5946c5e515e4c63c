using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What a model's tokens cost, used for the cost assertion and the run's cost when the server reports none.</summary>
public sealed class ModelPricing
{
    /// <summary>The price of one million prompt (input) tokens, in any currency unit used consistently.</summary>
    [Range(0.0, 1e9)]
    public double InputPerMillionTokens { get; set; }

    /// <summary>The price of one million completion (output) tokens, in the same unit.</summary>
    [Range(0.0, 1e9)]
    public double OutputPerMillionTokens { get; set; }
}
