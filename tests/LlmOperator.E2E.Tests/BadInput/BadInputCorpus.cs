using System.Text.Json.Nodes;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests.BadInput;

/// <summary>
/// A generated corpus of invalid objects, <c>copies</c> of each kind of mistake. Schema violations,
/// oversized fields and malformed inline datasets are for the API server to refuse; broken references and
/// templates that do not parse or render are for the operator to answer with a condition.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>The model the prompt versions of the corpus run on.</summary>
    public const string ModelName = "chat";

    /// <summary>The gate (inline cases with the variable question) the prompt versions of the corpus name.</summary>
    public const string GateName = "prompt-answers";

    /// <summary>Objects the API server must refuse.</summary>
    public static IReadOnlyList<RejectedObject> Rejected(string ns, int copies)
    {
        var mistakes = new (string Plural, string What, string Names, Func<string, JsonObject> Make)[]
        {
            ("modeldeployments", "negative-replicas", "replicas", n => Model(ns, n, s => s["replicas"] = -1)),
            ("modeldeployments", "too-many-replicas", "replicas", n => Model(ns, n, s => s["replicas"] = 5000)),
            ("modeldeployments", "unknown-engine", "engine", n => Model(ns, n, s => s["engine"] = "gpu-magic")),
            ("modeldeployments", "weight-over-100", "setWeight", n => Model(ns, n, s => s["rollout"] = Steps(new JsonObject { ["setWeight"] = 150 }))),
            ("modeldeployments", "two-actions-in-a-step", "exactly one",
                n => Model(ns, n, s => s["rollout"] = Steps(new JsonObject { ["setWeight"] = 10, ["pause"] = new JsonObject() }))),
            ("modeldeployments", "custom-without-image", "spec.image", n => Model(ns, n, s => s.Remove("image"))),
            ("modeldeployments", "empty-model-name", "name", n => Model(ns, n, s => s["model"] = new JsonObject { ["name"] = "" })),
            ("modeldeployments", "oversized-model-name", "name", n => Model(ns, n, s => s["model"] = new JsonObject { ["name"] = new string('m', 600) })),
            ("modeldeployments", "oversized-revision", "revision",
                n => Model(ns, n, s => s["model"] = new JsonObject { ["name"] = "chat-small", ["revision"] = new string('r', 300) })),
            ("modeldeployments", "no-model", "model", n => Model(ns, n, s => s.Remove("model"))),
            ("evaluationgates", "pass-rate-over-one", "minPassRate", n => GateWith(ns, n, s => s["thresholds"] = new JsonObject { ["minPassRate"] = 2 })),
            ("evaluationgates", "oversized-case", "content", n => GateWith(ns, n, s => s["dataset"] = Cases(new JsonObject
            {
                ["id"] = "a",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new string('x', 70_000) }),
            }))),
            ("evaluationgates", "cases-not-a-list", "cases", n => GateWith(ns, n, s => s["dataset"] = new JsonObject { ["cases"] = "one,two" })),
            ("promptversions", "version-zero", "version", n => Prompt(ns, n, 0, "{{ question }}", GateName, ModelName)),
            ("promptversions", "oversized-prompt-name", "promptName",
                n => Prompt(ns, n, 1, "{{ question }}", GateName, ModelName, promptName: new string('p', 60))),
            ("promptversions", "temperature-three", "temperature",
                n => With(Prompt(ns, n, 1, "{{ question }}", GateName, ModelName), s => s["parameters"] = new JsonObject { ["temperature"] = 3 })),
            ("promptversions", "unknown-role", "role",
                n => With(Prompt(ns, n, 1, "{{ question }}", GateName, ModelName), s => s["messages"]![0]!["role"] = "wizard")),
        };
        return [.. mistakes.SelectMany(m => Enumerable.Range(0, copies).Select(i =>
        {
            var name = $"{m.What}-{i:00}";
            return new RejectedObject(m.Plural, name, m.Make(name), m.Names);
        }))];
    }

    /// <summary>Objects the operator must answer with a Degraded condition (the ModelDeployments once they get a second revision).</summary>
    public static IReadOnlyList<DegradedObject> Degraded(string ns, int copies, int modelVersion)
    {
        var mistakes = new (string Kind, string What, string Reason, Func<string, JsonObject> Make)[]
        {
            ("PromptVersion", "template-does-not-parse", "InvalidTemplate", n => Prompt(ns, n, 1, "{% if question %}{{ question }}", GateName, ModelName)),
            ("PromptVersion", "missing-model", "ModelNotFound", n => Prompt(ns, n, 1, "{{ question }}", GateName, "nowhere")),
            ("PromptVersion", "missing-gate", "GateNotFound", n => Prompt(ns, n, 1, "{{ question }}", "nothing-judges", ModelName)),
            ("PromptVersion", "variable-not-in-dataset", "MissingVariables", n => With(
                Prompt(ns, n, 1, "{{ question }} about {{ product }}", GateName, ModelName),
                s => s["variables"]!.AsArray().Add(new JsonObject { ["name"] = "product" }))),
            ("ModelDeployment", "evaluates-missing-gate", "GateNotFound", n => TestManifests.SimulatedModel(
                ns, n, [new JsonObject { ["evaluate"] = new JsonObject { ["gates"] = new JsonArray("nothing-judges") } }], modelVersion)),
        };
        return [.. mistakes.SelectMany(m => Enumerable.Range(0, copies).Select(i =>
        {
            var name = $"{m.What}-{i:00}";
            return new DegradedObject(m.Kind, name, m.Make(name), m.Reason);
        }))];
    }

    private static JsonObject Model(string ns, string name, Action<JsonObject> spoil)
    {
        var model = TestManifests.SimulatedModel(ns, name, []);
        spoil(model["spec"]!.AsObject());
        return model;
    }

    private static JsonObject GateWith(string ns, string name, Action<JsonObject> spoil)
    {
        var gate = TestManifests.Gate(ns, name, cases: 2, minCases: 1);
        spoil(gate["spec"]!.AsObject());
        return gate;
    }

    private static JsonObject Prompt(string ns, string name, int version, string user, string gate, string model, string? promptName = null) =>
        TestManifests.Prompt(ns, promptName ?? name, version, user, [gate], model, name);

    private static JsonObject With(JsonObject manifest, Action<JsonObject> spoil)
    {
        spoil(manifest["spec"]!.AsObject());
        return manifest;
    }

    private static JsonObject Steps(JsonObject step) => new() { ["steps"] = new JsonArray(step) };

    private static JsonObject Cases(JsonObject evaluationCase) => new() { ["cases"] = new JsonArray(evaluationCase) };
}
