using System.Reflection;

namespace LlmOperator.Sandbox.Schemas;

/// <summary>One field of a model: its JSON name, the property behind it, and the shape of its value.</summary>
/// <param name="Name">The JSON name.</param>
/// <param name="Property">The model's property, which carries the documentation.</param>
/// <param name="Value">What the field holds.</param>
public sealed record ModelField(string Name, PropertyInfo Property, ValueShape Value);
