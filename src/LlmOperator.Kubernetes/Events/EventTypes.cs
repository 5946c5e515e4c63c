namespace LlmOperator.Kubernetes.Events;

/// <summary>The two types of Kubernetes Events.</summary>
public static class EventTypes
{
    /// <summary>Something happened as it should.</summary>
    public const string Normal = "Normal";

    /// <summary>Something needs attention.</summary>
    public const string Warning = "Warning";
}
