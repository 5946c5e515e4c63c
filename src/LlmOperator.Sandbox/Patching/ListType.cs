namespace LlmOperator.Sandbox.Patching;

/// <summary>How a list merges, in the terms of <c>x-kubernetes-list-type</c>.</summary>
internal enum ListType
{
    /// <summary>The list is replaced as a whole.</summary>
    Atomic,

    /// <summary>A list of distinct scalars merged as a set (strategic merge's merged primitive list).</summary>
    Set,

    /// <summary>A list of objects merged item by item, matched by key fields (strategic merge's patch merge key).</summary>
    Map,
}
