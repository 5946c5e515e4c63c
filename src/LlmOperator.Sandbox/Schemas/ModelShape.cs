using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace LlmOperator.Sandbox.Schemas;

/// <summary>
/// The fields of one KubernetesClient model (a Go struct of the Kubernetes API), read from its JSON property
/// names and types. The sandbox decodes, prunes and documents built-in kinds with it, so that what it accepts
/// follows the API's own types rather than hand-kept lists.
/// </summary>
public sealed partial class ModelShape
{
    private static readonly ConcurrentDictionary<Type, ModelShape> Cache = new();
    private readonly Lazy<IReadOnlyDictionary<string, ModelField>> _fields;

    private ModelShape(Type model)
    {
        Type = model;
        Name = VersionPrefix().Replace(model.Name, "");
        // Fields are read on first use: some models refer to themselves (JSONSchemaProps).
        _fields = new(() => model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.Name!, p => new ModelField(p.Name!, p.Property, ValueOf(p.Property.PropertyType)), StringComparer.Ordinal));
    }

    /// <summary>The model class.</summary>
    public Type Type { get; }

    /// <summary>The Go type's name, for example DeploymentSpec.</summary>
    public string Name { get; }

    /// <summary>Each field by its JSON name.</summary>
    public IReadOnlyDictionary<string, ModelField> Fields => _fields.Value;

    /// <summary>The shape of a model class.</summary>
    public static ModelShape Of(Type model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Cache.GetOrAdd(model, static t => new ModelShape(t));
    }

    private static ValueShape ValueOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new(ValueKind.Text);
        }

        if (type == typeof(byte[]))
        {
            return new(ValueKind.Bytes);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            return new(ValueKind.Map, Element: ValueOf(type.GetGenericArguments()[1]));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
        {
            return new(ValueKind.List, Element: ValueOf(type.GetGenericArguments()[0]));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => new(ValueKind.Integer32),
            TypeCode.Int64 => new(ValueKind.Integer64),
            TypeCode.Double or TypeCode.Single => new(ValueKind.Number),
            TypeCode.Boolean => new(ValueKind.Boolean),
            TypeCode.DateTime => new(ValueKind.Time),
            _ when type == typeof(ResourceQuantity) => new(ValueKind.Quantity),
            _ when type == typeof(IntOrString) => new(ValueKind.IntOrString),
            _ when type == typeof(object) => new(ValueKind.Any),
            _ when type.Namespace == typeof(V1Pod).Namespace && type.IsClass => new(ValueKind.Struct, Of(type)),
            _ => throw new NotSupportedException($"no JSON shape for {type} in the Kubernetes models"),
        };
    }

    // V1DeploymentSpec -> DeploymentSpec, V1beta1Foo -> Foo, Corev1EndpointPort -> EndpointPort.
    [GeneratedRegex("^(?:[A-Z][a-z]+)?[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
