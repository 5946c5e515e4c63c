using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Evaluation.Router;

/// <summary>How llmop router listens and calls: validated at start.</summary>
public sealed class RouterOptions
{
    /// <summary>The address to listen on.</summary>
    [Required]
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>The port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8000;

    /// <summary>Requests served at once when the pipeline does not say; more wait for a slot.</summary>
    [Range(1, 10000)]
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>How long one component request may take, retries included, when the step sets no timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ComponentTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a prompt read from its ConfigMap is used before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PromptRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old what a component's ModelDeployment says (its endpoint and served model) may be before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ComponentRefresh { get; set; } = TimeSpan.FromSeconds(5);
}
