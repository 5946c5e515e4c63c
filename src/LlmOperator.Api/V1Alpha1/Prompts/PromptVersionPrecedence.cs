namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// Which PromptVersion counts when several objects give the same promptName the same version: the one
/// created first, and between two created in the same second the one whose name sorts first. The
/// operator rejects the others as duplicates; an evaluation that renders that version reads the same one.
/// </summary>
public static class PromptVersionPrecedence
{
    /// <summary>Orders objects of one version: the one that counts first.</summary>
    public static IOrderedEnumerable<PromptVersion> Order(IEnumerable<PromptVersion> versions) =>
        versions.OrderBy(v => v.Metadata.CreationTimestamp ?? DateTime.MaxValue).ThenBy(v => v.Metadata.Name, StringComparer.Ordinal);

    /// <summary>The object that counts among objects of one version, or null when there is none.</summary>
    public static PromptVersion? Original(IEnumerable<PromptVersion> versions) => Order(versions).FirstOrDefault();
}
