namespace LlmOperator.Evaluation.Client;

/// <summary>
/// An API key. It prints as a mask so that no log line, exception or report can carry it by accident;
/// only the HTTP Authorization header reads <see cref="Reveal"/>.
/// </summary>
public sealed class ApiKey
{
    private readonly string _value;

    /// <summary>Wraps a key.</summary>
    public ApiKey(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>The key from an environment variable, or null when the variable is unset or empty.</summary>
    public static ApiKey? FromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? new ApiKey(value) : null;

    /// <summary>The key itself, for the Authorization header only.</summary>
    internal string Reveal() => _value;

    /// <inheritdoc />
    public override string ToString() => "***";
}
