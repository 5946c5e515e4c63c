using System.Diagnostics.CodeAnalysis;

namespace LlmOperator.Sandbox.Tables;

/// <summary>
/// What each table row carries in its <c>object</c> field. The names are the values of the
/// <c>includeObject</c> query parameter (case-sensitive), so <c>Enum.TryParse</c> reads it.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Object is the value of the includeObject query parameter.")]
internal enum IncludeObjectPolicy
{
    /// <summary>The object's metadata as a <c>PartialObjectMetadata</c> (the default, and what kubectl asks for).</summary>
    Metadata,

    /// <summary>The whole object.</summary>
    Object,

    /// <summary>Nothing (<c>"object": null</c>).</summary>
    None,
}
