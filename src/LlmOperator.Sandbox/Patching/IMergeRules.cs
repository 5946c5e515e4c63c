namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// How the fields of one kind merge, looked up by field path: the names of the fields from the object's root,
/// where stepping into a list item adds no name (<c>spec.template.spec.containers.ports</c>).
/// </summary>
internal interface IMergeRules
{
    /// <summary>How the list at a path merges; atomic for a list the rules do not know.</summary>
    ListMerge ListAt(IReadOnlyList<string> path);

    /// <summary>Whether the object at a path is replaced as a whole by server-side apply (a label selector).</summary>
    bool IsAtomicObject(IReadOnlyList<string> path);
}
