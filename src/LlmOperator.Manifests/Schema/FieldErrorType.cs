namespace LlmOperator.Manifests.Schema;

/// <summary>The kinds of field error, as Kubernetes names them in its messages.</summary>
public enum FieldErrorType
{
    /// <summary>"Required value": a required field is missing.</summary>
    Required,

    /// <summary>"Not found": the value refers to something that does not exist.</summary>
    NotFound,

    /// <summary>"Invalid value": the value breaks a bound, a pattern, a type or a rule.</summary>
    Invalid,

    /// <summary>"Unsupported value": the value is not one of an enum's values.</summary>
    NotSupported,

    /// <summary>"Duplicate value": a list that must be unique repeats an item or key.</summary>
    Duplicate,

    /// <summary>"Too long": a string is longer than allowed.</summary>
    TooLong,

    /// <summary>"Too many": a list or map has more items than allowed.</summary>
    TooMany,

    /// <summary>"Forbidden": the field may not be set (here or now).</summary>
    Forbidden,

    /// <summary>"Unknown field": the schema declares no such field (strict decoding).</summary>
    UnknownField,

    /// <summary>"Internal error": the schema itself is broken, for example a rule that does not compile.</summary>
    Internal,
}
