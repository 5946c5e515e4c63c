using System.Text.Json.Nodes;

namespace LlmOperator.Evaluation.Client;

/// <summary>
/// The request parameters an endpoint's model has refused, learned from its 400 answers and applied to every later
/// request: OpenAI's reasoning models refuse <c>max_tokens</c> (they take <c>max_completion_tokens</c>) and any
/// <c>temperature</c> but the default, answering <c>{"error": {"param": "max_tokens", "code": "unsupported_parameter"}}</c>.
/// </summary>
public sealed class RefusedParameters
{
    private volatile bool _maxTokens;
    private volatile bool _temperature;

    /// <summary>Notes what a 400 refused; true when it is a parameter this can change, so the request is worth sending again.</summary>
    public bool Learn(ModelError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code is not ("unsupported_parameter" or "unsupported_value"))
        {
            return false;
        }

        switch (error.Param)
        {
            case "max_tokens" when !_maxTokens:
                _maxTokens = true;
                return true;
            case "temperature" when !_temperature:
                _temperature = true;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Changes a request body so it sends none of the refused parameters: max_tokens becomes max_completion_tokens.</summary>
    public void Apply(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_maxTokens && body["max_tokens"] is { } limit)
        {
            body.Remove("max_tokens");
            body["max_completion_tokens"] ??= limit.DeepClone();
        }

        if (_temperature)
        {
            body.Remove("temperature");
        }
    }
}
