using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Api;

/// <summary>Turns the object of a watch event into the bytes sent: the object itself, or a Table row for kubectl get -w.</summary>
internal interface IWatchEventFormatter
{
    /// <summary>The event's object as JSON.</summary>
    byte[] Format(ResourceType type, StoredObject obj);
}
