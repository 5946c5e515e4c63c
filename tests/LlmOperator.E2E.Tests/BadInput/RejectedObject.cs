using System.Text.Json.Nodes;

namespace LlmOperator.E2E.Tests.BadInput;

/// <summary>An object the API server must refuse: what is wrong with it, and a word its refusal must name.</summary>
/// <param name="Plural">The resource it is posted to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Manifest">The object.</param>
/// <param name="Names">A word (the field or the rule) that the refusal's message must contain.</param>
public sealed record RejectedObject(string Plural, string Name, JsonObject Manifest, string Names);
