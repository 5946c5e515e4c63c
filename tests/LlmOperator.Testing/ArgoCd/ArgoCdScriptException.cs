namespace LlmOperator.Testing.ArgoCd;

/// <summary>A script failed with a Lua error: its message is what Argo CD reports (for an action, why it was not run).</summary>
public sealed class ArgoCdScriptException(string message, Exception inner) : Exception(message, inner);
