using System.Text.RegularExpressions;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>Every health_test.yaml case: the kind's health.lua run on its testdata object gives the expected status and message.</summary>
public sealed partial class HealthScriptTests
{
    private static readonly string[] ArgoCdStatuses = ["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"];

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var kind in ArgoCdCustomizations.Kinds)
        {
            foreach (var (inputPath, status, message) in ArgoCdCustomizations.HealthCases(kind))
            {
                data.Add(kind, inputPath, status, message);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_health_script_gives_the_expected_status_and_message(string kind, string inputPath, string status, string message)
    {
        var obj = YamlFile.ReadObject(Path.Combine(ArgoCdCustomizations.KindFolder(kind), inputPath));

        var health = ArgoCdLua.Health(ArgoCdCustomizations.HealthScript(kind), obj);

        Assert.Equal(status, health.Status);
        Assert.Equal(message, health.Message);
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void Every_status_the_script_can_return_has_a_test_case(string kind)
    {
        // Every Argo CD status named in the script is one it may return: each needs at least one case.
        var script = ArgoCdCustomizations.HealthScript(kind);
        var returnable = StringLiteral().Matches(script).Select(m => m.Groups["text"].Value).Where(ArgoCdStatuses.Contains).Distinct().ToList();
        var tested = ArgoCdCustomizations.HealthCases(kind).Select(c => c.Status).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(returnable);
        Assert.All(tested, s => Assert.Contains(s, ArgoCdStatuses));
        Assert.Equal([], returnable.Where(s => !tested.Contains(s)).ToArray());
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void Every_kind_reports_progressing_until_the_operator_has_seen_the_object(string kind)
    {
        // DESIGN 2.3: nothing is Healthy for a generation the operator has not observed. A copy of each
        // Healthy testdata object with a newer generation must read Progressing.
        var healthy = ArgoCdCustomizations.HealthCases(kind).Where(c => c.Status == "Healthy").ToList();
        Assert.NotEmpty(healthy);
        foreach (var (inputPath, _, _) in healthy)
        {
            var obj = YamlFile.ReadObject(Path.Combine(ArgoCdCustomizations.KindFolder(kind), inputPath));
            if (obj["status"]?["observedGeneration"] is null)
            {
                continue;
            }

            obj["metadata"]!["generation"] = obj["status"]!["observedGeneration"]!.GetValue<long>() + 1;
            var health = ArgoCdLua.Health(ArgoCdCustomizations.HealthScript(kind), obj);
            Assert.Equal("Progressing", health.Status);
            Assert.StartsWith("Waiting for the operator to observe generation ", health.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void Every_testdata_file_of_a_kind_is_used_by_a_case(string kind)
    {
        var used = ArgoCdCustomizations.HealthCases(kind)
            .Select(c => Path.GetFullPath(Path.Combine(ArgoCdCustomizations.KindFolder(kind), c.InputPath)))
            .ToHashSet();
        var files = Directory.GetFiles(Path.Combine(ArgoCdCustomizations.KindFolder(kind), "testdata"), "*.yaml");

        Assert.NotEmpty(files);
        Assert.Equal([], files.Where(f => !used.Contains(Path.GetFullPath(f))).ToArray());
    }

    public static TheoryData<string> KindNames() => [.. ArgoCdCustomizations.Kinds];

    [GeneratedRegex("\"(?<text>[^\"\\\\]*)\"")]
    private static partial Regex StringLiteral();
}
