namespace LlmOperator.Api.V1Alpha1;

/// <summary>The API group and version that every LlmOperator kind belongs to.</summary>
public static class ApiGroup
{
    /// <summary>The API group, <c>llmoperator.io</c>.</summary>
    public const string Name = "llmoperator.io";

    /// <summary>The served and stored version, <c>v1alpha1</c>.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> field value, <c>llmoperator.io/v1alpha1</c>.</summary>
    public const string ApiVersion = Name + "/" + Version;

    /// <summary>The category that lets <c>kubectl get llmops</c> list every kind at once.</summary>
    public const string Category = "llmops";
}
