using System.Text.Json.Nodes;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>A call variable: its name and its compiled Liquid template.</summary>
/// <param name="Name">The variable's name in the prompt.</param>
/// <param name="Render">Renders the value; throws TemplateException when it does not render.</param>
public sealed record CompiledVariable(string Name, Func<JsonObject?, string> Render);
