namespace LlmOperator.Api.Markers;

/// <summary>A column that <c>kubectl get</c> prints for the kind (an <c>additionalPrinterColumns</c> entry).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>The column header.</summary>
    public string Name { get; } = name;

    /// <summary>The OpenAPI type of the column: string, integer, number, boolean or date.</summary>
    public string Type { get; } = type;

    /// <summary>The JSON path, from the object's root, of the value shown.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>Shown by <c>kubectl explain</c>-style tooling and Argo CD.</summary>
    public string? Description { get; init; }

    /// <summary>0 shows the column always; higher priorities only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
