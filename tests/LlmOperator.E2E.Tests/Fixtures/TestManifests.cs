using System.Text.Json.Nodes;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// What a user would commit, as JSON (which kubectl applies like YAML): mock ModelDeployments and the
/// gates that judge them.
/// </summary>
public static class TestManifests
{
    /// <summary>The steps the issue asks a rollout to go through: evaluate, setWeight 50, pause 2s, evaluate.</summary>
    public static JsonArray EvaluateWeightPauseEvaluate(string gate = "answers") =>
    [
        Evaluate(gate),
        new JsonObject { ["setWeight"] = 50 },
        new JsonObject { ["pause"] = new JsonObject { ["duration"] = "2s" } },
        Evaluate(gate),
    ];

    /// <summary>An evaluate step.</summary>
    public static JsonObject Evaluate(string gate, string? onInconclusive = null)
    {
        var evaluate = new JsonObject { ["gates"] = new JsonArray(gate) };
        if (onInconclusive is not null)
        {
            evaluate["onInconclusive"] = onInconclusive;
        }

        return new JsonObject { ["evaluate"] = evaluate };
    }

    /// <summary>An indefinite pause step (it waits for llmop promote).</summary>
    public static JsonObject Pause() => new() { ["pause"] = new JsonObject() };

    /// <summary>
    /// A gate mock-llm passes when it answers well: mock-llm echoes the question ("You asked: ...") on
    /// the share of cases its --quality says and answers "I am not sure." on the others. A candidate must
    /// pass 80% and lose at most 10 points against the stable revision.
    /// </summary>
    public static JsonObject Gate(string ns, string name = "answers", int cases = 40, int minCases = 10)
    {
        var dataset = new JsonArray();
        for (var i = 1; i <= cases; i++)
        {
            dataset.Add(new JsonObject
            {
                ["id"] = $"q{i:00}",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Question number {i} about the product?" }),
            });
        }

        return new JsonObject
        {
            ["apiVersion"] = "llmoperator.io/v1alpha1",
            ["kind"] = "EvaluationGate",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["defaultAssert"] = new JsonArray(new JsonObject { ["type"] = "icontains", ["value"] = "you asked" }),
                ["dataset"] = new JsonObject { ["cases"] = dataset },
                ["thresholds"] = new JsonObject { ["minPassRate"] = 0.8 },
                ["comparison"] = new JsonObject { ["baseline"] = "stable", ["maxRegression"] = 0.1, ["confidence"] = 0.9, ["minCases"] = minCases },
                ["execution"] = new JsonObject { ["concurrency"] = 8, ["timeout"] = "2m" },
            },
        };
    }

    /// <summary>
    /// A gate of a prompt: 40 cases whose question renders through the prompt, judged by whether the answer
    /// contains the question. mock-llm echoes the last user message ("You asked: ..."), so a version whose
    /// user message carries {{ question }} passes every case and one that leaves it out fails them all.
    /// </summary>
    public static JsonObject PromptGate(string ns, string name = "prompt-answers", string? promptRef = null, int cases = 40)
    {
        var gate = Gate(ns, name, cases);
        var dataset = new JsonArray();
        for (var i = 1; i <= cases; i++)
        {
            dataset.Add(new JsonObject { ["id"] = $"q{i:00}", ["vars"] = new JsonObject { ["question"] = $"Question number {i} about the product?" } });
        }

        var spec = gate["spec"]!.AsObject();
        spec["dataset"] = new JsonObject { ["cases"] = dataset };
        spec["defaultAssert"] = new JsonArray(new JsonObject { ["type"] = "icontains", ["value"] = "{{ question }}" });
        if (promptRef is not null)
        {
            spec["promptRef"] = new JsonObject { ["name"] = promptRef };
        }

        return gate;
    }

    /// <summary>A PromptVersion whose user message is <paramref name="user"/> (a Liquid template over the variable question).</summary>
    public static JsonObject Prompt(string ns, string prompt, int version, string user, string[] gates, string model = "chat", string? name = null) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "PromptVersion",
        ["metadata"] = new JsonObject { ["name"] = name ?? $"{prompt}-v{version}", ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["promptName"] = prompt,
            ["version"] = version,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You answer questions about the product." },
                new JsonObject { ["role"] = "user", ["content"] = user }),
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "question" }),
            ["parameters"] = new JsonObject { ["temperature"] = 0.2, ["maxTokens"] = 256 },
            ["modelRef"] = new JsonObject { ["name"] = model },
            ["gates"] = new JsonArray([.. gates.Select(g => (JsonNode?)g)]),
        },
    };

    /// <summary>A ModelDeployment of engine external at <paramref name="baseUrl"/> whose releases pass gate answers.</summary>
    public static JsonObject Hosted(string ns, string baseUrl, string name = "hosted", string model = "gpt-mock") => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "ModelDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = model },
            ["engine"] = "external",
            ["external"] = new JsonObject { ["baseUrl"] = baseUrl },
            ["rollout"] = new JsonObject { ["steps"] = new JsonArray(Evaluate("answers")) },
        },
    };

    /// <summary>A ModelDeployment on the mock engine; <paramref name="args"/> go to mock-llm (for example --quality=0.5).</summary>
    public static JsonObject MockModel(string ns, string name, JsonArray steps, string[]? args = null, int replicas = 2) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "ModelDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = "chat-small", ["servedName"] = "chat" },
            ["engine"] = "mock",
            ["replicas"] = replicas,
            ["args"] = new JsonArray([.. (args ?? []).Select(a => (JsonNode?)a)]),
            ["rollout"] = new JsonObject { ["abortScaleDownDelaySeconds"] = 1, ["steps"] = steps },
        },
    };

    /// <summary>
    /// A ModelDeployment on the custom engine with an image the sandbox does not run: its pods are simulated,
    /// so that tests of many rollouts cost API calls, not processes. <paramref name="version"/> goes in its args.
    /// </summary>
    public static JsonObject SimulatedModel(string ns, string name, JsonArray steps, int version = 1) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "ModelDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = "chat-small" },
            ["engine"] = "custom",
            ["image"] = "example.invalid/model:1",
            ["replicas"] = 2,
            ["args"] = new JsonArray($"v{version}"),
            ["rollout"] = new JsonObject { ["abortScaleDownDelaySeconds"] = 0, ["steps"] = steps },
        },
    };

    /// <summary>A kubectl List of <paramref name="items"/>: one apply of many objects.</summary>
    public static JsonObject List(IEnumerable<JsonObject> items) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray([.. items.Select(i => (JsonNode?)i)]),
    };
}
