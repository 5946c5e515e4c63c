namespace LlmOperator.Sandbox.Resources;

/// <summary>What identifies a resource's storage across its versions: its group and plural name.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Plural">The resource name, for example deployments.</param>
public readonly record struct ResourceKey(string Group, string Plural)
{
    /// <inheritdoc />
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
