using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// The adapter actions decide as <c>llmop promote|abort|retry NAME --adapter ADAPTER</c> do (<see cref="AdapterDecisions"/>):
/// for every state an adapter's status entry can be in, the action fails with llmop's message when llmop refuses,
/// changes the status as llmop's edit does when llmop changes it, and changes nothing when llmop says it already
/// holds; discovery offers the action, with that adapter as the default, exactly when llmop would change something.
/// </summary>
public sealed class AdapterActionDecisionTests
{
    private const string Kind = "ModelDeployment";

    public static TheoryData<string> Actions() => ["promote-adapter", "abort-adapter", "retry-adapter"];

    [Theory]
    [MemberData(nameof(Actions))]
    public void The_action_decides_every_adapter_state_as_llmop_does(string action)
    {
        var mismatches = new List<string>();
        foreach (var state in States())
        {
            var model = Model(state);
            var obj = JsonNode.Parse(KubernetesJson.Serialize(model))!.AsObject();
            var decision = Decide(action, model);
            var offered = ArgoCdLua.Discovery(ArgoCdCustomizations.DiscoveryScript(Kind), obj)[action];
            var outcome = Run(action, obj);
            var expected = Expected(decision, model, obj);
            var described = KubernetesJson.Serialize(state);

            if (outcome != expected)
            {
                mismatches.Add($"{described}: the action {outcome}; llmop {expected}");
            }

            var changes = decision.Edit is not null;
            var offeredDefault = offered.Params.Single().Default;
            if (offered.Disabled == changes || offeredDefault != (changes ? "sql" : null))
            {
                mismatches.Add($"{described}: offered {!offered.Disabled} with default {offeredDefault}; llmop changes something: {changes}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    // Every combination of the fields llmop decides from; adapter tone, before it, has no rollout and never qualifies.
    private static IEnumerable<AdapterStatus> States() =>
        from candidate in new[] { null, "6c0e2f91ab" }
        from abort in new bool?[] { null, false, true }
        from abortedAt in new DateTime?[] { null, new DateTime(2026, 11, 26, 10, 3, 40, DateTimeKind.Utc) }
        from paused in new bool?[] { null, true }
        from promote in new bool?[] { null, true }
        select new AdapterStatus
        {
            Name = "sql",
            StableRevision = "1d7a3b5c90",
            CandidateRevision = candidate,
            Abort = abort,
            AbortedAt = abortedAt,
            Paused = paused,
            Promote = promote,
        };

    private static ModelDeployment Model(AdapterStatus state) => new()
    {
        ApiVersion = "llmoperator.io/v1alpha1",
        Kind = "ModelDeployment",
        Metadata = new V1ObjectMeta { Name = "llama-chat", NamespaceProperty = "support" },
        Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = "meta-llama/Llama-3.1-8B-Instruct" }, Engine = InferenceEngine.Vllm },
        Status = new ModelDeploymentStatus
        {
            Phase = RolloutPhase.Healthy,
            Adapters = [new AdapterStatus { Name = "tone", StableRevision = "7c2e9a4b03" }, state],
        },
    };

    private static RolloutChange Decide(string action, ModelDeployment model) => action switch
    {
        "promote-adapter" => AdapterDecisions.Promote(model, "sql"),
        "abort-adapter" => AdapterDecisions.Abort(model, "sql"),
        "retry-adapter" => AdapterDecisions.Retry(model, "sql"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an adapter action"),
    };

    // What the action does, in words that compare: the error, or the object it returns.
    private static string Run(string action, JsonObject obj)
    {
        try
        {
            var output = ArgoCdLua.Action(ArgoCdCustomizations.ActionScript(Kind, action), obj, new Dictionary<string, string> { ["adapter"] = "sql" });
            return "returns " + JsonComparison.Normalize(output)!.ToJsonString();
        }
        catch (ArgoCdScriptException e)
        {
            return "fails: " + e.Message;
        }
    }

    // What llmop decided, in the same words: its refusal, or the object with its edit (if any) made.
    private static string Expected(RolloutChange decision, ModelDeployment model, JsonObject obj)
    {
        if (decision.IsRefusal)
        {
            return "fails: " + decision.Message;
        }

        if (decision.Edit is null)
        {
            return "returns " + JsonComparison.Normalize(obj)!.ToJsonString();
        }

        var edited = KubernetesJson.Deserialize<ModelDeployment>(KubernetesJson.Serialize(model));
        decision.Edit(edited.Status!);
        return "returns " + JsonComparison.Normalize(JsonNode.Parse(KubernetesJson.Serialize(edited)))!.ToJsonString();
    }
}
