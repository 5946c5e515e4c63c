namespace LlmOperator.Sandbox.Workloads;

/// <summary>One line a container wrote, and when.</summary>
/// <param name="Time">When the line was written.</param>
/// <param name="Text">The line without its newline.</param>
internal sealed record LogLine(DateTimeOffset Time, string Text);
