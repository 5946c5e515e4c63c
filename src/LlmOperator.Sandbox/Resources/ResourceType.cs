using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Resources;

/// <summary>A kind the sandbox serves at one version: its names, scope, subresources and, for custom resources, its schema.</summary>
public sealed record ResourceType
{
    /// <summary>The API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>The version, for example v1.</summary>
    public required string Version { get; init; }

    /// <summary>The resource (plural) name, for example deployments.</summary>
    public required string Plural { get; init; }

    /// <summary>The kind, for example Deployment.</summary>
    public required string Kind { get; init; }

    /// <summary>Whether objects live in a namespace.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>The singular name; defaults to the kind in lower case.</summary>
    public string? SingularName { get; init; }

    /// <summary>Short names for kubectl.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories, for example all.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Whether the kind has a status subresource, which splits writes of spec and status.</summary>
    public bool HasStatus { get; init; }

    /// <summary>Whether the kind has a scale subresource (spec.replicas, status.replicas).</summary>
    public bool HasScale { get; init; }

    /// <summary>Whether metadata.generation counts changes of everything but metadata and status.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Whether the kind is only created and never stored: a create is answered with a computed status (the access reviews).</summary>
    public bool CreateOnly { get; init; }

    /// <summary>Whether a CustomResourceDefinition defines the kind.</summary>
    public bool IsCustom { get; init; }

    /// <summary>The openAPIV3Schema of a custom resource version.</summary>
    public StructuralSchema? Schema { get; init; }

    /// <summary>The schema's JSON form, served as OpenAPI v3.</summary>
    public JsonObject? SchemaJson { get; init; }

    /// <summary>The CRD version's additionalPrinterColumns.</summary>
    public JsonArray? PrinterColumns { get; init; }

    /// <summary>The storage identity.</summary>
    public ResourceKey Key => new(Group, Plural);

    /// <summary>The singular name.</summary>
    public string Singular => SingularName ?? Kind.ToLowerInvariant();

    /// <summary>group/version, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The kind of a list of these objects.</summary>
    public string ListKind => Kind + "List";

    /// <summary>resource.group, as error messages name it.</summary>
    public string QualifiedResource => Key.ToString();

    /// <summary>Kind.group, as validation errors name it.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
