namespace LlmOperator.Dashboard;

/// <summary>The dashboard's addresses, in one place so that pages link to what the server serves.</summary>
internal static class DashboardPaths
{
    /// <summary>The overview of every rollout and prompt.</summary>
    public const string Overview = "/";

    /// <summary>Where a page's server-sent events are: this prefix, then the page's own path.</summary>
    public const string Events = "/events";

    /// <summary>The actions a rollout page offers with <c>--allow-actions</c>.</summary>
    public static readonly IReadOnlyList<string> Actions = ["promote", "abort", "retry"];

    /// <summary>A ModelDeployment's rollout page.</summary>
    public static string Rollout(string name) => "/rollouts/" + Uri.EscapeDataString(name);

    /// <summary>A ModelDeployment's drift page.</summary>
    public static string Drift(string name) => Rollout(name) + "/drift";

    /// <summary>Where an action on a ModelDeployment is posted.</summary>
    public static string Action(string name, string action) => Rollout(name) + "/" + action;

    /// <summary>An EvaluationRun's page.</summary>
    public static string Run(string name) => "/runs/" + Uri.EscapeDataString(name);
}
