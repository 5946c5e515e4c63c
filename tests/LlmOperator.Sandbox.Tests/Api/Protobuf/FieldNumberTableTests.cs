using System.Reflection;
using k8s.Models;
using LlmOperator.Sandbox.Api.Protobuf;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Tests.Api.Protobuf;

/// <summary>The checked-in field number table keeps up with the KubernetesClient models of every built-in kind the sandbox serves.</summary>
public class FieldNumberTableTests
{
    /// <summary>The served built-in kinds' models, and the bodies of their scale subresource and of DELETE.</summary>
    private static IEnumerable<Type> Roots() =>
        BuiltInResources.All.Select(t => ModelOf(t.Group, t.Version, t.Kind)).OfType<Type>().Concat([typeof(V1Scale), typeof(V1DeleteOptions)]);

    [Fact]
    public void Every_served_built_in_kind_has_a_model_but_the_Gateway_API_kinds_which_are_custom_resources_on_a_real_cluster()
    {
        var withoutModel = BuiltInResources.All.Where(t => ModelOf(t.Group, t.Version, t.Kind) is null).Select(t => $"{t.Group}/{t.Kind}");

        Assert.Equal(["gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/Gateway"], withoutModel);
    }

    [Fact]
    public void Every_property_of_every_model_reachable_from_a_served_built_in_kind_has_a_field_number()
    {
        var missing = new List<string>();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(Roots());
        while (pending.TryDequeue(out var model))
        {
            if (!seen.Add(model))
            {
                continue;
            }

            if (!FieldNumberTable.ByModel.TryGetValue(model.Name, out var message))
            {
                missing.Add($"{model.Name} (no message)");
                continue;
            }

            foreach (var (jsonName, type) in ProtobufSchemas.JsonProperties(model))
            {
                if (!message.Fields.Any(f => f.JsonName == jsonName) && !ProtobufSchemas.IsTypeMeta(model, jsonName))
                {
                    missing.Add($"{model.Name}.{jsonName}");
                }

                foreach (var nested in ModelsIn(type))
                {
                    pending.Enqueue(nested);
                }
            }
        }

        Assert.Empty(missing);
        Assert.True(seen.Count > 200, $"the walk reached {seen.Count} models");
    }

    [Fact]
    public void The_table_builds_a_schema_for_every_served_built_in_kind_and_numbers_no_field_twice()
    {
        var schemas = new ProtobufSchemas(FieldNumberTable.ByModel);

        foreach (var resource in BuiltInResources.All.Where(t => ModelOf(t.Group, t.Version, t.Kind) is not null))
        {
            Assert.NotNull(schemas.ForKind(resource.Group, resource.Version, resource.Kind));
        }

        Assert.Null(schemas.ForKind("gateway.networking.k8s.io", "v1", "HTTPRoute"));
        Assert.Equal("k8s.io.api.apps.v1.DeploymentSpec", schemas.ForModel(typeof(V1DeploymentSpec)).Name);
    }

    [Fact]
    public void A_table_that_misses_a_property_or_numbers_an_unknown_one_does_not_build()
    {
        var missing = FieldNumberTable.Parse(new StringReader("V1LocalObjectReference k8s.io.api.core.v1.LocalObjectReference:"));
        var extra = FieldNumberTable.Parse(new StringReader("V1LocalObjectReference k8s.io.api.core.v1.LocalObjectReference: name=1 other=2"));

        var noNumber = Assert.Throws<InvalidOperationException>(() => new ProtobufSchemas(missing));
        var noProperty = Assert.Throws<InvalidOperationException>(() => new ProtobufSchemas(extra));

        Assert.Equal("V1LocalObjectReference.name has no field number in k8s.io.api.core.v1.LocalObjectReference", noNumber.Message);
        Assert.Equal("k8s.io.api.core.v1.LocalObjectReference numbers fields V1LocalObjectReference does not have: other", noProperty.Message);
    }

    private static Type? ModelOf(string group, string version, string kind) =>
        typeof(V1Pod).Assembly.GetTypes().FirstOrDefault(t =>
            t.GetCustomAttribute<KubernetesEntityAttribute>() is { } e && e.Group == group && e.ApiVersion == version && e.Kind == kind
            && !t.Name.EndsWith("List", StringComparison.Ordinal));

    private static IEnumerable<Type> ModelsIn(Type type)
    {
        if (type.IsGenericType)
        {
            return type.GetGenericArguments().SelectMany(ModelsIn);
        }

        return type.Namespace == typeof(V1Pod).Namespace && type.IsClass && type != typeof(ResourceQuantity) && type != typeof(IntOrString) ? [type] : [];
    }
}
