using k8s.Models;
using LlmOperator.Sandbox.Schemas;

namespace LlmOperator.Sandbox.Tests.Schemas;

public sealed class ModelSchemasTests
{
    private static readonly ModelShape Deployment = ModelShape.Of(typeof(V1Deployment));
    private static readonly ModelShape Pod = ModelShape.Of(typeof(V1Pod));

    [Fact]
    public void Structs_are_named_as_the_API_server_names_them_with_shared_ones_in_the_core_group()
    {
        var names = new ModelSchemaNames([(Deployment, "apps", "v1"), (Pod, "", "v1")]);

        Assert.Equal("io.k8s.api.apps.v1.Deployment", names.Of(Deployment));
        Assert.Equal("io.k8s.api.apps.v1.DeploymentSpec", names.Of(ModelShape.Of(typeof(V1DeploymentSpec))));
        Assert.Equal("io.k8s.api.core.v1.PodSpec", names.Of(ModelShape.Of(typeof(V1PodSpec))));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", names.Of(ModelShape.Of(typeof(V1ObjectMeta))));
    }

    [Fact]
    public void A_kind_s_components_hold_every_struct_it_uses_with_references_types_and_documentation()
    {
        var names = new ModelSchemaNames([(Deployment, "apps", "v1")]);

        var schemas = ModelSchemas.Components([(Deployment, "apps", "v1", "Deployment")], names);

        var deployment = schemas["io.k8s.api.apps.v1.Deployment"]!;
        Assert.Equal("""[{"group":"apps","kind":"Deployment","version":"v1"}]""", deployment["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec", deployment["properties"]!["spec"]!["allOf"]![0]!["$ref"]!.ToString());
        var replicas = schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["replicas"]!;
        Assert.Equal("integer", replicas["type"]!.ToString());
        Assert.Equal("int32", replicas["format"]!.ToString());
        Assert.StartsWith("Number of desired pods.", replicas["description"]!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(schemas["io.k8s.api.apps.v1.Probe"]);
        Assert.True(schemas["io.k8s.api.apps.v1.ContainerPort"]!["properties"]!.AsObject().ContainsKey("containerPort"));
    }
}
