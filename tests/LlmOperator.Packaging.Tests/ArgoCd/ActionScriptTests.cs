using System.Text.Json.Nodes;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// ModelDeployment's actions/action_test.yaml, read as Argo CD's own action tests read theirs: discovery on each input
/// (with the params an action asks for), and each action, given its <c>parameters</c>, against the expected object
/// or the expected error message.
/// </summary>
public sealed class ActionScriptTests
{
    private const string Kind = "ModelDeployment";

    public static TheoryData<int> DiscoveryCases() => [.. Enumerable.Range(0, Tests("discoveryTests").Count)];

    public static TheoryData<int> ActionCases() => [.. Enumerable.Range(0, Tests("actionTests").Count)];

    public static TheoryData<int> ActionCasesWithoutParameters() =>
        [.. Enumerable.Range(0, Tests("actionTests").Count).Where(i => Tests("actionTests")[i]!["parameters"] is null)];

    [Theory]
    [MemberData(nameof(DiscoveryCases))]
    public void Discovery_offers_the_expected_actions(int index)
    {
        var test = Tests("discoveryTests")[index]!;
        var obj = Input(test);

        var found = ArgoCdLua.Discovery(ArgoCdCustomizations.DiscoveryScript(Kind), obj);

        var expected = test["result"] as JsonArray ?? [];
        Assert.Equal(expected.Select(e => ArgoCdCustomizations.Text(e, "name")).Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        foreach (var action in expected)
        {
            var name = ArgoCdCustomizations.Text(action, "name");
            Assert.True(
                action!["disabled"]!.GetValue<bool>() == found[name].Disabled, $"{name}: disabled should be {action["disabled"]} for {test["inputPath"]}");
            if (action["displayName"] is { } displayName)
            {
                Assert.Equal(displayName.GetValue<string>(), found[name].DisplayName);
            }

            // As Argo CD's tests compare the whole action: an action without params in the test offers none.
            var parameters = (action["params"] as JsonArray ?? [])
                .Select(p => new ActionParam(ArgoCdCustomizations.Text(p, "name"), p!["default"]?.GetValue<string>()));
            Assert.Equal(parameters, found[name].Params);
        }
    }

    [Theory]
    [MemberData(nameof(ActionCases))]
    public void The_action_turns_the_input_into_the_expected_object_or_fails_with_the_expected_message(int index)
    {
        var test = Tests("actionTests")[index]!;
        var parameters = (test["parameters"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

        Expect(test, () => ArgoCdLua.Action(ArgoCdCustomizations.ActionScript(Kind, ArgoCdCustomizations.Text(test, "action")), Input(test), parameters));
    }

    [Theory]
    [MemberData(nameof(ActionCasesWithoutParameters))]
    public void An_argo_cd_before_3_1_without_action_parameters_gets_the_same_result(int index)
    {
        var test = Tests("actionTests")[index]!;

        Expect(test, () => ArgoCdLua.Action(ArgoCdCustomizations.ActionScript(Kind, ArgoCdCustomizations.Text(test, "action")), Input(test), null));
    }

    [Fact]
    public void Every_action_with_parameters_is_tested_with_them_and_with_an_expected_error()
    {
        var tests = Tests("actionTests");
        var withParams = ArgoCdCustomizations.ModelDeploymentActions
            .Where(a => ArgoCdLua.Discovery(ArgoCdCustomizations.DiscoveryScript(Kind), Input(tests[0]!))[a].Params.Count > 0)
            .ToList();

        Assert.NotEmpty(withParams);
        Assert.All(withParams, a =>
        {
            var cases = tests.Where(t => ArgoCdCustomizations.Text(t, "action") == a).ToList();
            Assert.Contains(cases, t => t!["parameters"] is not null && t["expectedOutputPath"] is not null);
            Assert.Contains(cases, t => t!["expectedErrorMessage"] is not null);
        });
    }

    [Fact]
    public void Every_action_has_a_script_a_discovery_entry_and_a_test()
    {
        var folders = Directory.GetDirectories(ArgoCdCustomizations.ActionsFolder(Kind))
            .Select(Path.GetFileName)
            .Where(n => n != "testdata")
            .Order(StringComparer.Ordinal);
        var discovered = ArgoCdLua.Discovery(ArgoCdCustomizations.DiscoveryScript(Kind), Input(Tests("discoveryTests")[0]!)).Keys.Order(StringComparer.Ordinal);
        var tested = Tests("actionTests").Select(t => ArgoCdCustomizations.Text(t, "action")).Distinct().Order(StringComparer.Ordinal);
        var expected = ArgoCdCustomizations.ModelDeploymentActions.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, folders);
        Assert.Equal(expected, discovered);
        Assert.Equal(expected, tested);
    }

    [Fact]
    public void Every_action_is_enabled_by_some_case_and_disabled_by_another()
    {
        var states = Tests("discoveryTests")
            .SelectMany(t => t!["result"] as JsonArray ?? [])
            .GroupBy(r => ArgoCdCustomizations.Text(r, "name"))
            .ToDictionary(g => g.Key, g => g.Select(r => r!["disabled"]!.GetValue<bool>()).ToHashSet());

        Assert.All(ArgoCdCustomizations.ModelDeploymentActions, a => Assert.Equal(2, states[a].Count));
    }

    [Fact]
    public void Every_actions_testdata_file_is_used()
    {
        var tests = Tests("discoveryTests").Concat(Tests("actionTests"));
        var used = tests.SelectMany(t => new[] { t!["inputPath"], t["expectedOutputPath"] }).OfType<JsonNode>()
            .Select(p => Path.GetFullPath(Path.Combine(ArgoCdCustomizations.ActionsFolder(Kind), p.GetValue<string>()))).ToHashSet();
        var files = Directory.GetFiles(Path.Combine(ArgoCdCustomizations.ActionsFolder(Kind), "testdata"), "*.yaml");

        Assert.Equal([], files.Where(f => !used.Contains(Path.GetFullPath(f))).ToArray());
    }

    // Argo CD's action test: the output is the expected object, or the action fails with exactly the expected message.
    private static void Expect(JsonNode test, Func<JsonObject> run)
    {
        if (test["expectedErrorMessage"] is { } message)
        {
            Assert.Null(test["expectedOutputPath"]);
            Assert.Equal(message.GetValue<string>(), Assert.Throws<ArgoCdScriptException>(() => run()).Message);
            return;
        }

        var expected = YamlFile.ReadObject(Path.Combine(ArgoCdCustomizations.ActionsFolder(Kind), ArgoCdCustomizations.Text(test, "expectedOutputPath")));
        Assert.Equal([], JsonComparison.Differences(expected, run()));
    }

    private static JsonArray Tests(string section) => ArgoCdCustomizations.ActionTests(Kind)[section] as JsonArray ?? [];

    private static JsonObject Input(JsonNode test) =>
        YamlFile.ReadObject(Path.Combine(ArgoCdCustomizations.ActionsFolder(Kind), ArgoCdCustomizations.Text(test, "inputPath")));
}
