using Cel;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Manifests.Tests.Schema;

public class CelVariableDictionaryTests
{
    private static Dictionary<string, object?> Self() => new(StringComparer.Ordinal)
    {
        ["spec"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["replicas"] = 3L,
            ["labels"] = null,
            ["toolChoice"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["function"] = new Dictionary<string, object?> { ["name"] = "f" } },
            ["items"] = new List<object?> { 1L, 2L },
            ["objects"] = new List<object?> { new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = "x" } },
        },
        ["name"] = "chat",
    };

    [Fact]
    public void A_field_path_is_answered_from_the_maps_and_anything_else_is_left_to_the_library()
    {
        var variables = new CelVariableDictionary(Self(), null, hasOldSelf: false);

        Assert.True(variables.TryGetValue("self.spec.replicas", out var replicas));
        Assert.Equal(3L, replicas);
        Assert.True(variables.TryGetValue("self.spec.labels", out var labels));
        Assert.Null(labels);
        Assert.False(variables.TryGetValue("self.spec.missing", out _));
        Assert.False(variables.TryGetValue("self.name.length", out _));
        Assert.False(variables.TryGetValue("self.spec.items[0]", out _));
        Assert.False(variables.TryGetValue("oldSelf", out _));
        Assert.Throws<NotSupportedException>(() => variables.Add("other", 1));
    }

    [Theory]
    [InlineData("self.spec.replicas == 3")]
    [InlineData("has(self.spec.replicas) && !has(self.spec.missing)")]
    [InlineData("has(self.spec.toolChoice.function) && has(self.spec.toolChoice.function.name)")]
    [InlineData("self.spec.toolChoice.function.name == 'f'")]
    [InlineData("type(self.spec.toolChoice) == map && type(self.name) == string")]
    [InlineData("size(self.spec.items) == 2 && self.spec.items.all(i, i > 0)")]
    [InlineData("self.spec.labels == null")]
    [InlineData("self.spec.missing == 1")]
    [InlineData("self.spec.missing.deeper == 1")]
    [InlineData("self.name.startsWith('ch') && self.spec.items[1] == 2")]
    [InlineData("oldSelf.spec.replicas <= self.spec.replicas")]
    [InlineData("self.spec.objects.all(self, self.name == 'x')")]
    [InlineData("self.spec.objects.exists(oldSelf, oldSelf.name == 'x') && self.spec.objects.map(o, o.name) == ['x']")]
    public void Every_rule_evaluates_as_the_library_does_with_plain_variables(string rule)
    {
        var program = new CelEnvironment(null, null).Compile(rule);
        var plain = new Dictionary<string, object?> { ["self"] = Self(), ["oldSelf"] = Self() };
        var expected = Outcome(() => program(plain));

        var outcome = new CelRuleEvaluator().Evaluate(rule, new CelVariableDictionary(Self(), Self(), hasOldSelf: true));

        Assert.Equal(expected, outcome.Error is { } error ? error : $"{outcome.IsHeld}");
    }

    // The library's answer as CelRuleEvaluator reports it: whether the rule is true, or the library's message.
    private static string Outcome(Func<object?> evaluate)
    {
        try
        {
            return $"{evaluate() is true}";
        }
        catch (CelException e)
        {
            return e.Message;
        }
    }
}
