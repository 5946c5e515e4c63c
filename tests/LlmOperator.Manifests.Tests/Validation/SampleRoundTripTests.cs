using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;
using LlmOperator.Testing;

namespace LlmOperator.Manifests.Tests.Validation;

/// <summary>The samples, defaulted by the CRDs' schemas, read into the API types and written back unchanged.</summary>
public class SampleRoundTripTests
{
    public static TheoryData<string> Samples() =>
        [.. Directory.GetFiles(RepositoryPaths.Combine("config", "samples"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Combine("config", "samples"), f))];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Samples_deserialize_into_the_types_and_serialize_back_unchanged(string file)
    {
        var manifests = ManifestLoader.Read(RepositoryPaths.Combine("config", "samples", file)).Content!.Documents
            .Select(d => d.Root!.AsObject())
            .Where(o => ((string)o["apiVersion"]!).StartsWith("llmoperator.io/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(manifests);

        foreach (var manifest in manifests)
        {
            var kind = KindSchemaSet.LlmOperator.Find((string)manifest["apiVersion"]!, (string)manifest["kind"]!)!;
            SchemaDefaulter.Apply(manifest, kind.Schema);

            var back = kind.Kind switch
            {
                "ModelDeployment" => RoundTrip<ModelDeployment>(manifest),
                "PromptVersion" => RoundTrip<PromptVersion>(manifest),
                "EvaluationGate" => RoundTrip<EvaluationGate>(manifest),
                _ => RoundTrip<EvaluationRun>(manifest),
            };

            CanonicalizeQuantities(manifest);
            Assert.True(JsonNode.DeepEquals(manifest, back), $"{file}: {kind.Kind} changed in a round trip:\n{manifest.ToJsonString()}\n{back.ToJsonString()}");
        }
    }

    // KubernetesClient writes a resource quantity in its canonical form, a string: `gpu: 1` comes back "1".
    private static void CanonicalizeQuantities(JsonObject manifest)
    {
        foreach (var bound in new[] { "requests", "limits" })
        {
            if (manifest["spec"]?["resources"]?[bound] is JsonObject quantities)
            {
                foreach (var name in quantities.Select(q => q.Key).ToList())
                {
                    quantities[name] = quantities[name]!.ToString();
                }
            }
        }
    }

    // Through KubernetesClient's own serializer, as the operator reads and writes objects.
    private static JsonNode RoundTrip<T>(JsonObject manifest) =>
        JsonNode.Parse(KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(manifest.ToJsonString())))!;
}
