using k8s.Models;
using LlmOperator.Sandbox.Api.Protobuf;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Schemas;

namespace LlmOperator.Sandbox.Tests.Api.Protobuf;

/// <summary>The checked-in field number table keeps up with the KubernetesClient models of every built-in kind the sandbox serves.</summary>
public class FieldNumberTableTests
{
    /// <summary>The served built-in kinds' models, and the bodies of their scale subresource and of DELETE.</summary>
    private static IEnumerable<ModelShape> Roots() =>
        BuiltInResources.All.Select(BuiltInModels.Find).OfType<ModelShape>().Concat([ModelShape.Of(typeof(V1Scale)), ModelShape.Of(typeof(V1DeleteOptions))]);

    [Fact]
    public void Every_property_of_every_model_reachable_from_a_served_built_in_kind_has_a_field_number()
    {
        var missing = new List<string>();
        var seen = new HashSet<Type>();
        var pending = new Queue<ModelShape>(Roots());
        while (pending.TryDequeue(out var model))
        {
            if (!seen.Add(model.Type))
            {
                continue;
            }

            if (!FieldNumberTable.ByModel.TryGetValue(model.Type.Name, out var message))
            {
                missing.Add($"{model.Type.Name} (no message)");
                continue;
            }

            foreach (var (jsonName, field) in model.Fields)
            {
                if (!message.Fields.Any(f => f.JsonName == jsonName) && !ProtobufSchemas.IsTypeMeta(model.Type, jsonName))
                {
                    missing.Add($"{model.Type.Name}.{jsonName}");
                }

                for (var value = field.Value; value is not null; value = value.Element)
                {
                    if (value.Model is { } nested)
                    {
                        pending.Enqueue(nested);
                    }
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

        foreach (var resource in BuiltInResources.All.Where(t => BuiltInModels.Find(t) is not null))
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
}
