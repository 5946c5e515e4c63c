using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Storage;

/// <summary>Where one stored object lives.</summary>
/// <param name="Resource">Its resource.</param>
/// <param name="Namespace">Its namespace, or "".</param>
/// <param name="Name">Its name.</param>
public readonly record struct ObjectRef(ResourceKey Resource, string Namespace, string Name);
