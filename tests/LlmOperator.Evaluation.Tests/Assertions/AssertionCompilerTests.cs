using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Tests.Assertions;

public class AssertionCompilerTests
{
    private static readonly AssertionCompiler Compiler = new(new NoProviders(), new EmbeddingCache(), TimeSpan.FromMilliseconds(100));

    private static CompiledAssertion Compile(Assertion assertion, JsonNode? expected = null, JsonObject? vars = null) =>
        Compiler.CompileAsync(assertion, expected, vars, "case \"c\" assert[0]", CancellationToken.None).AsTask().GetAwaiter().GetResult();

    [Fact]
    public void Text_assertions_without_a_value_compare_with_the_expected_answer()
    {
        var assertion = Compile(new Assertion { Type = AssertionType.Contains }, expected: "500 GB");

        Assert.True(Specs.Judge(assertion, "The quota is 500 GB.").Pass);
        Assert.Equal("contains", assertion.Spec.TypeName);
    }

    [Fact]
    public void A_regex_does_not_take_the_expected_answer()
    {
        var error = Assert.Throws<AssertionConfigurationException>(() => Compile(new Assertion { Type = AssertionType.Regex }, expected: "x"));

        Assert.Equal("case \"c\" assert[0] (regex): \"regex\" needs a pattern", error.Message);
    }

    [Fact]
    public void String_values_are_rendered_with_the_cases_variables()
    {
        var vars = new JsonObject { ["city"] = "Paris" };
        var assertion = Compile(new Assertion { Type = AssertionType.Icontains, Value = "{{ city }}" }, vars: vars);

        Assert.True(Specs.Judge(assertion, "It is PARIS.").Pass);
        var missing = Assert.Throws<TemplateException>(() => Compile(new Assertion { Type = AssertionType.Icontains, Value = "{{ country }}" }, vars: vars));
        Assert.Equal("case \"c\" assert[0] (icontains) value does not render: missing variable \"country\"", missing.Message);
    }

    [Fact]
    public void Settings_that_mean_nothing_for_a_type_are_refused()
    {
        var threshold = Assert.Throws<AssertionConfigurationException>(() =>
            Compile(new Assertion { Type = AssertionType.Contains, Value = "a", Threshold = 0.5 }));
        Assert.Equal("case \"c\" assert[0] (contains): threshold has no meaning for \"contains\"", threshold.Message);
        var provider = Assert.Throws<AssertionConfigurationException>(() =>
            Compile(new Assertion { Type = AssertionType.NotRegex, Value = "a", Provider = new ModelEndpointReference { Url = "http://x" } }));
        Assert.Equal("case \"c\" assert[0] (not-regex): provider has no meaning for \"not-regex\"", provider.Message);
    }

    [Fact]
    public void Model_graded_assertions_need_a_provider()
    {
        var error = Assert.Throws<AssertionConfigurationException>(() => Compile(new Assertion { Type = AssertionType.LlmRubric, Value = "polite" }));

        Assert.Equal("no provider: set provider (modelRef or url) on the assertion, or give a default grader (--grader)", error.Message);
    }

    [Fact]
    public void Every_assertion_type_has_its_promptfoo_name_and_positive_form()
    {
        foreach (var type in Enum.GetValues<AssertionType>())
        {
            var name = AssertionTypes.Name(type);
            var (positive, inverse) = AssertionTypes.Split(type);
            Assert.Equal(name.StartsWith("not-", StringComparison.Ordinal), inverse);
            Assert.Equal(inverse ? name[4..] : name, AssertionTypes.Name(positive));
        }
    }

    private sealed class NoProviders : IModelProviders
    {
        public ValueTask<OpenAiClient> GetAsync(ModelEndpointReference? provider, CancellationToken cancellationToken) =>
            throw new AssertionConfigurationException("no provider: set provider (modelRef or url) on the assertion, or give a default grader (--grader)");
    }
}
