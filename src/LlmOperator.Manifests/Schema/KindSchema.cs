namespace LlmOperator.Manifests.Schema;

/// <summary>The schema of one served kind.</summary>
/// <param name="Group">The API group.</param>
/// <param name="Version">The API version.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespaced">Whether objects of the kind live in a namespace.</param>
/// <param name="Schema">The kind's openAPIV3Schema.</param>
public sealed record KindSchema(string Group, string Version, string Kind, bool Namespaced, StructuralSchema Schema)
{
    /// <summary>group/version.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
