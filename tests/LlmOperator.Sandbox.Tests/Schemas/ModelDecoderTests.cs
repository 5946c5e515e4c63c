using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Schemas;

namespace LlmOperator.Sandbox.Tests.Schemas;

public sealed class ModelDecoderTests
{
    private static readonly ModelShape Deployment = ModelShape.Of(typeof(V1Deployment));

    private static DecodeResult Decode(string json, ModelShape? model = null) => ModelDecoder.Decode(JsonNode.Parse(json)!.AsObject(), model ?? Deployment);

    [Fact]
    public void Every_built_in_kind_but_the_Gateway_API_is_decoded_by_its_client_model()
    {
        var withoutModel = BuiltInResources.All.Where(t => BuiltInModels.Find(t) is null).Select(t => t.QualifiedKind).ToList();

        Assert.Equal(["HTTPRoute.gateway.networking.k8s.io", "Gateway.gateway.networking.k8s.io"], withoutModel);
        Assert.Equal("Deployment", BuiltInModels.Find("apps", "v1", "Deployment")!.Name);
        Assert.Equal("Event", BuiltInModels.Find("", "v1", "Event")!.Name);
        Assert.Equal(typeof(Eventsv1Event), BuiltInModels.Find("events.k8s.io", "v1", "Event")!.Type);
    }

    [Fact]
    public void Unknown_fields_are_dropped_and_reported_with_their_paths_and_nulls_become_absent()
    {
        var obj = JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "creationTimestamp": null, "colour": "red"},
             "spec": {"replicas": null, "template": {"spec": {"containers": [{"name": "c", "image": "i", "imagePullPolcy": "Always"}]}}}}
            """)!.AsObject();

        var result = ModelDecoder.Decode(obj, Deployment);

        Assert.Null(result.Error);
        Assert.Equal(["metadata.colour", "spec.template.spec.containers[0].imagePullPolcy"], result.UnknownFields);
        Assert.Equal("""{"name":"d"}""", obj["metadata"]!.ToJsonString());
        Assert.False(obj["spec"]!.AsObject().ContainsKey("replicas"));
        Assert.Equal("""{"name":"c","image":"i"}""", obj["spec"]!["template"]!["spec"]!["containers"]![0]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"spec": {"replicas": "2"}}""", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("""{"spec": {"replicas": 1.5}}""", "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("""{"spec": {"replicas": 3000000000}}""",
        "json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("""{"metadata": {"labels": {"a": 1}}}""", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")]
    [InlineData("""{"spec": {"template": {"spec": {"containers": {}}}}}""",
        "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container")]
    [InlineData("""{"spec": {"paused": "yes"}}""", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool")]
    [InlineData("""{"spec": {"template": {"spec": {"containers": [{"resources": {"limits": {"cpu": "1x"}}}]}}}}""",
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("""{"spec": {"strategy": {"rollingUpdate": {"maxSurge": true}}}}""",
        "json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type intstr.IntOrString")]
    [InlineData("""{"metadata": {"creationTimestamp": "yesterday"}}""",
        "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as an RFC 3339 time")]
    public void A_value_of_the_wrong_type_is_a_decoding_error_worded_as_Go_words_it(string json, string error)
    {
        Assert.Equal(error, Decode(json).Error);
    }

    [Theory]
    [InlineData("""{"spec": {"template": {"spec": {"containers": [{"resources": {"limits": {"cpu": 2, "memory": "1.5Gi", "x": "100m"}}}]}}}}""")]
    [InlineData("""{"spec": {"strategy": {"rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}}}}""")]
    [InlineData("""{"metadata": {"creationTimestamp": "2026-12-05T01:02:03Z", "deletionTimestamp": "2026-12-05T01:02:03.123456+01:00"}}""")]
    public void Values_the_API_server_accepts_decode(string json)
    {
        Assert.Null(Decode(json).Error);
    }

    [Fact]
    public void Secret_data_must_be_base64()
    {
        var secret = ModelShape.Of(typeof(V1Secret));

        Assert.Null(Decode("""{"data": {"k": "aGVsbG8="}}""", secret).Error);
        Assert.Equal("illegal base64 data in \"not base64!\"", Decode("""{"data": {"k": "not base64!"}}""", secret).Error);
    }

    [Fact]
    public void A_model_that_refers_to_itself_is_read_lazily_and_keeps_any_JSON_where_the_API_takes_any()
    {
        var crd = ModelShape.Of(typeof(V1CustomResourceDefinition));
        var result = Decode("""
            {"spec": {"versions": [{"name": "v1", "schema": {"openAPIV3Schema": {"type": "object", "default": {"a": [1, "b"]},
              "properties": {"spec": {"type": "object", "properties": {"x": {"type": "string", "x-kubernetes-validations": [{"rule": "true"}]}}}}}}}]}}
            """, crd);

        Assert.Null(result.Error);
        Assert.Empty(result.UnknownFields);
    }
}
