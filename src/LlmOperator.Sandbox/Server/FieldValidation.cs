namespace LlmOperator.Sandbox.Server;

/// <summary>What a write does with fields the schema does not declare (the fieldValidation parameter).</summary>
public enum FieldValidation
{
    /// <summary>Drop them silently.</summary>
    Ignore,

    /// <summary>Drop them and warn (the API server's default).</summary>
    Warn,

    /// <summary>Refuse the write (what kubectl asks for).</summary>
    Strict,
}
