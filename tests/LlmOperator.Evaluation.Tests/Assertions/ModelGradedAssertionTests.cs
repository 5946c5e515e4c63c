using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.MockLlm;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Assertions;

// Model-graded assertions as promptfoo documents them: similar compares embeddings by cosine similarity
// (threshold 0.75 by default), llm-rubric asks a judge for {reason, pass, score}. Stricter than promptfoo:
// a judge reply without a grade is an error, never a pass.
public class ModelGradedAssertionTests
{
    private static StubHandler Embedder() => new((_, body, _) =>
    {
        var input = JsonNode.Parse(body)!["input"]!.GetValue<string>();
        var vector = new JsonArray([.. MockEmbeddings.Embed(input).Select(v => (JsonNode)v)]);
        return Task.FromResult(StubHandler.Json(new JsonObject { ["data"] = new JsonArray(new JsonObject { ["embedding"] = vector }) }.ToJsonString()));
    });

    private static StubHandler Judge(string reply) => new((_, _, _) => Task.FromResult(StubHandler.Json(StubHandler.Completion(reply))));

    [Fact]
    public void Similar_passes_at_the_default_threshold_and_scores_the_similarity()
    {
        using var embedder = Engine.Client(Embedder(), "embedder");
        var assertion = new SimilarAssertion(Specs.Of(AssertionType.Similar, "invoices can be paid in EUR USD or GBP"), embedder, new EmbeddingCache());

        var close = Specs.Judge(assertion, "Yes: invoices can be paid in EUR, USD or GBP.");
        var far = Specs.Judge(assertion, "The weather is nice today");

        Assert.True(close.Pass);
        Assert.True(close.Score > 0.75);
        Assert.StartsWith("Similarity ", close.Reason);
        Assert.False(far.Pass);
        Assert.True(far.Score < 0.75);
        Assert.EndsWith("is less than threshold 0.75", far.Reason);
    }

    [Fact]
    public void Similar_with_a_list_passes_on_any_value_and_not_similar_on_none()
    {
        using var embedder = Engine.Client(Embedder(), "embedder");
        var values = new JsonArray("the sky is blue", "cats purr when happy");
        var similar = new SimilarAssertion(Specs.Of(AssertionType.Similar, values, threshold: 0.9), embedder, new EmbeddingCache());
        var notSimilar = new SimilarAssertion(Specs.Of(AssertionType.NotSimilar, values, threshold: 0.9), embedder, new EmbeddingCache());

        Assert.True(Specs.Judge(similar, "cats purr when happy").Pass);
        Assert.False(Specs.Judge(notSimilar, "cats purr when happy").Pass);
        var unrelated = Specs.Judge(notSimilar, "quarterly revenue grew");
        Assert.True(unrelated.Pass);
        Assert.True(unrelated.Score > 0.5, "not-similar scores 1 - similarity");
    }

    [Fact]
    public void Values_are_embedded_once_per_model()
    {
        var handler = Embedder();
        using var embedder = Engine.Client(handler, "embedder");
        var cache = new EmbeddingCache();
        var assertion = new SimilarAssertion(Specs.Of(AssertionType.Similar, "reference answer"), embedder, cache);

        Specs.Judge(assertion, "first answer");
        Specs.Judge(assertion, "second answer");

        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public void Llm_rubric_reads_the_judges_grade()
    {
        using var judge = Engine.Client(Judge("""{"reason": "Explains the SLA credit process.", "pass": true, "score": 0.9}"""));
        var outcome = Specs.Judge(
            new LlmRubricAssertion(Specs.Of(AssertionType.LlmRubric, "Explains the SLA credit process"), judge), "You can claim an SLA credit.");

        Assert.True(outcome.Pass);
        Assert.Equal(0.9, outcome.Score);
        Assert.Equal("Explains the SLA credit process.", outcome.Reason);
    }

    [Fact]
    public void Llm_rubric_sends_the_answer_and_rubric_to_the_judge()
    {
        var handler = Judge("""{"pass": true}""");
        using var judge = Engine.Client(handler);
        Specs.Judge(new LlmRubricAssertion(Specs.Of(AssertionType.LlmRubric, "Is polite"), judge), "Thank you!");

        var request = JsonNode.Parse(handler.Requests.Single().Body)!;
        Assert.Equal(LlmRubricAssertion.GraderInstructions, request["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal("<Output>\nThank you!\n</Output>\n<Rubric>\nIs polite\n</Rubric>", request["messages"]![1]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("I think it passes.", "case \"c\" assert[0]: the judge's reply holds no JSON grade with pass or score: \"I think it passes.\"")]
    [InlineData("""{"reason": "fine"}""", "case \"c\" assert[0]: the judge's reply holds no JSON grade with pass or score: \"{\"reason\": \"fine\"}\"")]
    [InlineData("""{"pass": "maybe"}""", "case \"c\" assert[0]: the judge's pass is neither true nor false: \"maybe\"")]
    [InlineData("""{"score": "high"}""", "case \"c\" assert[0]: the judge's score is not a number: \"high\"")]
    public void An_unparsable_judge_reply_is_an_error_never_a_pass(string reply, string message)
    {
        using var judge = Engine.Client(Judge(reply));
        var assertion = new LlmRubricAssertion(Specs.Of(AssertionType.LlmRubric, "rubric"), judge);

        var error = Assert.Throws<AssertionException>(() => Specs.Judge(assertion, "answer"));
        Assert.Equal(message, error.Message);
        var inverse = new LlmRubricAssertion(Specs.Of(AssertionType.NotLlmRubric, "rubric"), judge);
        Assert.Throws<AssertionException>(() => Specs.Judge(inverse, "answer"));
    }

    [Fact]
    public void Llm_rubric_threshold_and_inverse_follow_promptfoo()
    {
        Assert.Equal((false, 0.6, "ok"), LlmRubricAssertion.ReadGrade("""{"reason":"ok","pass":true,"score":0.6}""", 0.7, "w"));
        Assert.Equal((true, 0.8, "ok"), LlmRubricAssertion.ReadGrade("""```json\n{"reason":"ok","pass":"yes","score":"0.8"}\n```""", 0.7, "w"));
        Assert.Equal((false, 0.3, "Score 0.3 below threshold 0.5"), LlmRubricAssertion.ReadGrade("""{"score":0.3}""", null, "w"));
        Assert.Equal((true, 1.0, "Grading passed"), LlmRubricAssertion.ReadGrade("""Grade: {"pass": true}""", null, "w"));

        using var judge = Engine.Client(Judge("""{"pass": false, "score": 0.2, "reason": "rude"}"""));
        var inverse = Specs.Judge(new LlmRubricAssertion(Specs.Of(AssertionType.NotLlmRubric, "Is rude"), judge), "answer");
        Assert.True(inverse.Pass);
        Assert.Equal(0.8, inverse.Score, 10);
    }

    [Fact]
    public void A_judge_that_fails_makes_the_assertion_an_error()
    {
        using var judge = Engine.Client(new StubHandler((_, _, _) =>
            Task.FromResult(StubHandler.Json("""{"error":{"message":"model not loaded"}}""", System.Net.HttpStatusCode.NotFound))));
        var error = Assert.Throws<AssertionException>(() => Specs.Judge(new LlmRubricAssertion(Specs.Of(AssertionType.LlmRubric, "r"), judge), "answer"));

        Assert.Equal("case \"c\" assert[0]: the judge failed: judge at http://judge.test/v1/: HTTP 404: model not loaded", error.Message);
    }
}
