using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Server;

/// <summary>The outcome of a write.</summary>
/// <param name="Stored">The object as stored (or as it would be, for a dry run).</param>
/// <param name="Created">Whether the write created the object.</param>
/// <param name="Warnings">Warnings for the Warning response header, for example dropped unknown fields.</param>
public sealed record WriteResult(StoredObject Stored, bool Created, IReadOnlyList<string> Warnings);
