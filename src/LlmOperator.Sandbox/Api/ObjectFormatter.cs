using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Api;

/// <summary>Watch events carry the object itself, at the version the watch addressed.</summary>
internal sealed class ObjectFormatter : IWatchEventFormatter
{
    /// <inheritdoc />
    public byte[] Format(ResourceType type, StoredObject obj) => ResponseWriter.Bytes(type, obj);
}
