using System.Text.Json.Nodes;
using Cel;
using LlmOperator.Manifests.Crds;
using LlmOperator.Testing;

namespace LlmOperator.Manifests.Tests.Crds;

public class CrdGenerationTests
{
    private static readonly IReadOnlyList<JsonObject> Crds = CrdGenerator.GenerateAll();

    [Fact]
    public void Checked_in_CRDs_are_what_the_code_generates()
    {
        var folder = RepositoryPaths.Combine("config", "crd", "bases");
        var expected = CrdFiles.RenderAll();
        var actual = Directory.GetFiles(folder, "*.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, content) in expected)
        {
            Assert.True(content == actual[name], $"config/crd/bases/{name} is out of date: run `make crds`.");
        }
    }

    [Fact]
    public void The_checked_in_API_reference_is_what_the_CRDs_say()
    {
        var actual = File.ReadAllText(RepositoryPaths.Combine(ApiReference.DefaultPath));

        Assert.True(ApiReference.Render() == actual, $"{ApiReference.DefaultPath} is out of date: run `make crds`.");
    }

    [Fact]
    public void The_API_reference_lists_every_field_with_its_constraints_and_rules()
    {
        var reference = ApiReference.Render();

        foreach (var kind in Crds.Select(c => (string)c["spec"]!["names"]!["kind"]!))
        {
            Assert.Contains($"\n## {kind}\n", reference, StringComparison.Ordinal);
        }

        Assert.Contains("| `spec.rollout.steps[].setWeight` | integer (int32) |", reference, StringComparison.Ordinal);
        Assert.Contains("| `spec.promptName` | string | **required**", reference, StringComparison.Ordinal);
        Assert.Contains("Rule `self == oldSelf`", reference, StringComparison.Ordinal);
        Assert.Contains("One of: `vllm`", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_CRDs_are_the_generated_ones()
    {
        var embedded = EmbeddedCrds.Load();

        Assert.Equal(Crds.Count, embedded.Count);
        foreach (var crd in Crds)
        {
            Assert.Contains(embedded, e => JsonNode.DeepEquals(e, crd));
        }
    }

    [Fact]
    public void Every_kind_has_names_scope_category_and_status_subresource()
    {
        Assert.Equal(["ModelDeployment", "PromptVersion", "EvaluationGate", "EvaluationRun"], Crds.Select(c => (string)c["spec"]!["names"]!["kind"]!));
        foreach (var crd in Crds)
        {
            var spec = crd["spec"]!;
            Assert.Equal("llmoperator.io", (string)spec["group"]!);
            Assert.Equal("Namespaced", (string)spec["scope"]!);
            Assert.Equal(["llmops"], spec["names"]!["categories"]!.AsArray().Select(c => (string)c!));
            var version = spec["versions"]![0]!;
            Assert.Equal("v1alpha1", (string)version["name"]!);
            Assert.True((bool)version["storage"]!);
            Assert.NotNull(version["subresources"]!["status"]);
            Assert.Equal($"{(string)spec["names"]!["plural"]!}.llmoperator.io", (string)crd["metadata"]!["name"]!);
        }
    }

    [Theory]
    [InlineData(
        "ModelDeployment",
        "Phase:.status.phase Stable:.status.stableRevision Canary:.status.canaryRevision Weight:.status.canaryWeight " +
            "Step:.status.currentStepIndex Age:.metadata.creationTimestamp")]
    [InlineData(
        "PromptVersion",
        "Prompt:.spec.promptName Version:.spec.version Phase:.status.phase Verdict:.status.evaluation.verdict " +
            "Age:.metadata.creationTimestamp Message:.status.message")]
    [InlineData(
        "EvaluationRun",
        "Target:.spec.target.name Phase:.status.phase Verdict:.status.verdict PassRate:.status.summary.passRate " +
            "Age:.metadata.creationTimestamp")]
    public void Printer_columns_are_the_ones_kubectl_get_shows(string kind, string columns)
    {
        var crd = Crds.Single(c => (string)c["spec"]!["names"]!["kind"]! == kind);
        var actual = crd["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray()
            .Select(c => $"{(string)c!["name"]!}:{(string)c["jsonPath"]!}");
        Assert.Equal(columns, string.Join(' ', actual));
    }

    [Fact]
    public void Short_names_clash_with_no_built_in_resource()
    {
        // Resource names and short names of kubectl 1.32's built-in API (kubectl api-resources), Argo CD,
        // Argo Rollouts, KServe and Gateway API: a clash would make `kubectl get <short>` ambiguous.
        string[] taken =
        [
            "bindings", "componentstatuses", "cs", "configmaps", "cm", "endpoints", "ep", "events", "ev", "limitranges", "limits",
            "namespaces", "ns", "nodes", "no", "persistentvolumeclaims", "pvc", "persistentvolumes", "pv", "pods", "po",
            "podtemplates", "replicationcontrollers", "rc", "resourcequotas", "quota", "secrets", "serviceaccounts", "sa",
            "services", "svc", "mutatingwebhookconfigurations", "validatingwebhookconfigurations", "customresourcedefinitions",
            "crd", "crds", "apiservices", "controllerrevisions", "daemonsets", "ds", "deployments", "deploy", "replicasets", "rs",
            "statefulsets", "sts", "tokenreviews", "localsubjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews",
            "subjectaccessreviews", "horizontalpodautoscalers", "hpa", "cronjobs", "cj", "jobs", "certificatesigningrequests", "csr",
            "leases", "endpointslices", "flowschemas", "prioritylevelconfigurations", "ingressclasses", "ingresses", "ing",
            "networkpolicies", "netpol", "runtimeclasses", "poddisruptionbudgets", "pdb", "clusterrolebindings", "clusterroles",
            "rolebindings", "roles", "priorityclasses", "pc", "csidrivers", "csinodes", "csistoragecapacities", "storageclasses", "sc",
            "volumeattachments", "applications", "app", "apps", "applicationsets", "appset", "appsets", "appprojects", "appproj",
            "rollouts", "ro", "analysisruns", "ar", "analysistemplates", "at", "clusteranalysistemplates", "cat", "experiments", "exp",
            "inferenceservices", "isvc", "servingruntimes", "inferencegraphs", "ig", "trainedmodels", "tm", "gateways", "gtw",
            "httproutes", "grpcroutes", "gatewayclasses", "gc", "referencegrants", "refgrant",
        ];
        var ours = Crds.SelectMany(c => c["spec"]!["names"]!["shortNames"]!.AsArray().Select(n => (string)n!)
            .Append((string)c["spec"]!["names"]!["plural"]!).Append((string)c["spec"]!["names"]!["singular"]!)).ToList();

        Assert.Empty(ours.Intersect(taken));
        Assert.Equal(ours.Count, ours.Distinct().Count());
        Assert.Contains("pver", ours);
    }

    [Fact]
    public void Schemas_are_structural()
    {
        foreach (var crd in Crds)
        {
            var schema = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
            AssertStructural(schema, (string)crd["spec"]!["names"]!["kind"]!);
        }
    }

    [Fact]
    public void Every_field_has_a_description()
    {
        var missing = new List<string>();
        foreach (var crd in Crds)
        {
            Walk(crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject(), (string)crd["spec"]!["names"]!["kind"]!, (path, node, isProperty) =>
            {
                if (isProperty && node["description"] is null)
                {
                    missing.Add(path);
                }
            });
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_CEL_rule_compiles()
    {
        var environment = new CelEnvironment(null, null);
        var rules = new List<string>();
        foreach (var crd in Crds)
        {
            Walk(crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject(), "", (_, node, _) =>
                rules.AddRange(node["x-kubernetes-validations"]?.AsArray().Select(r => (string)r!["rule"]!) ?? []));
        }

        Assert.Contains("self == oldSelf", rules);
        Assert.Contains("size(self) == 1", rules);
        foreach (var rule in rules)
        {
            Assert.NotNull(environment.Compile(rule));
        }
    }

    [Fact]
    public void Enum_defaults_use_the_JSON_names()
    {
        var steps = Crds[0]["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!
            ["properties"]!["rollout"]!["properties"]!["steps"]!;
        var onInconclusive = steps["items"]!["properties"]!["evaluate"]!["properties"]!["onInconclusive"]!;

        Assert.Equal("pause", (string)onInconclusive["default"]!);
        Assert.Equal(["pause", "fail", "pass"], onInconclusive["enum"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void Condition_lists_are_maps_keyed_by_type()
    {
        foreach (var crd in Crds)
        {
            var conditions = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["status"]!["properties"]!["conditions"]!;
            Assert.Equal("map", (string)conditions["x-kubernetes-list-type"]!);
            Assert.Equal(["type"], conditions["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string)k!));
            Assert.Equal(["type", "status", "lastTransitionTime", "reason"], conditions["items"]!["required"]!.AsArray().Select(r => (string)r!));
        }
    }

    private static void AssertStructural(JsonObject node, string path)
    {
        string[] forbidden = ["$ref", "definitions", "nullable", "x-nullable", "x-enumNames", "title", "$schema", "oneOf", "allOf"];
        Walk(node, path, (at, schema, _) =>
        {
            foreach (var key in forbidden)
            {
                Assert.False(schema.ContainsKey(key), $"{at} has {key}");
            }

            Assert.False(schema["additionalProperties"] is JsonValue, $"{at} has a boolean additionalProperties");
            var exempt = schema["x-kubernetes-preserve-unknown-fields"] is not null || schema["x-kubernetes-int-or-string"] is not null;
            Assert.True(exempt || schema["type"] is not null, $"{at} has no type");
            if (schema["properties"] is not null)
            {
                Assert.Equal("object", (string?)schema["type"]);
            }
        });
    }

    private static void Walk(JsonObject node, string path, Action<string, JsonObject, bool> visit, bool isProperty = false)
    {
        visit(path, node, isProperty);
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                Walk(child!.AsObject(), $"{path}.{name}", visit, isProperty: true);
            }
        }

        if (node["items"] is JsonObject items)
        {
            Walk(items, path + "[]", visit);
        }

        if (node["additionalProperties"] is JsonObject values)
        {
            Walk(values, path + "{}", visit);
        }
    }
}
