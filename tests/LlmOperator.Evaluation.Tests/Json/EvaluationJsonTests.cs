using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Json;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.Json;

public class EvaluationJsonTests
{
    [Fact]
    public void Gate_files_read_with_the_generated_metadata_equal_what_kubernetes_json_reads()
    {
        // Every sample, defaulted by the validator as llmop eval does before it reads them.
        var files = ManifestLoader.Expand([RepositoryPaths.Combine("config", "samples")]).Select(ManifestLoader.Read).ToList();
        Assert.True(new ManifestValidator(KindSchemaSet.LlmOperator, crossReferences: false).Validate(files).IsValid);
        var objects = files.SelectMany(f => f.Content!.Documents).Select(d => d.Root).OfType<JsonObject>().ToList();

        var compared = new Dictionary<string, int>();
        foreach (var obj in objects)
        {
            var kind = (string?)obj["kind"];
            var (generated, reflected) = kind switch
            {
                "EvaluationGate" => Both<EvaluationGate>(obj),
                "PromptVersion" => Both<PromptVersion>(obj),
                "ModelDeployment" => Both<ModelDeployment>(obj),
                _ => (null, null),
            };
            if (generated is null)
            {
                continue;
            }

            Assert.Equal(reflected, generated);
            compared[kind!] = compared.GetValueOrDefault(kind!) + 1;
            if (kind == "EvaluationGate" && KubernetesJson.Deserialize<EvaluationGate>(obj).Spec.Dataset?.Cases is { Count: > 0 } cases)
            {
                // Inline cases are hashed as they serialise: both ways must write the same bytes.
                Assert.Equal(KubernetesJson.Serialize(cases), KubernetesJson.Serialize(cases, EvaluationJson.Options));
                compared["cases"] = compared.GetValueOrDefault("cases") + 1;
            }
        }

        Assert.True(compared.GetValueOrDefault("EvaluationGate") >= 5, string.Join(", ", compared));
        Assert.True(compared.GetValueOrDefault("PromptVersion") >= 3, string.Join(", ", compared));
        Assert.True(compared.GetValueOrDefault("ModelDeployment") >= 10, string.Join(", ", compared));
        Assert.True(compared.GetValueOrDefault("cases") >= 3, string.Join(", ", compared));
    }

    [Fact]
    public void The_kinds_of_a_gate_file_and_its_cases_are_read_with_the_generated_metadata()
    {
        Assert.All(
            [typeof(EvaluationGate), typeof(PromptVersion), typeof(ModelDeployment), typeof(EvaluationCase), typeof(List<EvaluationCase>)],
            type => Assert.IsType<EvaluationJsonContext>(EvaluationJson.Options.GetTypeInfo(type).OriginatingResolver));
    }

    private static (string?, string?) Both<T>(JsonObject obj) =>
        (KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(obj, EvaluationJson.Options)!), KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(obj)!));
}
