using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Evaluation.Client;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// llm-rubric: a judge model grades the answer against the rubric and replies with JSON
/// {"reason", "pass", "score"}. A reply that holds no such grade is an error, never a pass; with a
/// threshold the score must reach it too.
/// </summary>
internal sealed class LlmRubricAssertion : CompiledAssertion
{
    /// <summary>What the judge is told; the answer and rubric follow in the user message.</summary>
    public const string GraderInstructions =
        "You are grading output according to a user-specified rubric. If the statement in the rubric is true, then the output passes the test. " +
        "You respond with a JSON object with this structure: {\"reason\": string, \"pass\": boolean, \"score\": number}. " +
        "The score is between 0.0 and 1.0. Reply with the JSON object only.";

    private static readonly JsonObject JudgeParameters = new() { ["temperature"] = 0 };
    private readonly string _rubric;
    private readonly OpenAiClient _judge;

    /// <summary>Checks the rubric; the judge is the assertion's provider.</summary>
    public LlmRubricAssertion(AssertionSpec spec, OpenAiClient judge)
        : base(spec)
    {
        _rubric = spec.Value switch
        {
            JsonObject or JsonArray => spec.Value.ToJsonString(),
            _ => AssertionValues.Scalar(spec.Value) is { Length: > 0 } text
                ? text
                : throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" needs a rubric (value)"),
        };
        _judge = judge;
    }

    /// <inheritdoc />
    public override async ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ChatMessage[] messages =
        [
            new("system", GraderInstructions),
            new("user", $"<Output>\n{input.Output}\n</Output>\n<Rubric>\n{_rubric}\n</Rubric>"),
        ];
        ChatCompletion reply;
        try
        {
            reply = await _judge.CompleteAsync(messages, JudgeParameters, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException e)
        {
            throw new AssertionException($"{Spec.Where}: the judge failed: {e.Message}", e);
        }

        var (pass, score, reason) = ReadGrade(reply.Content, Spec.Threshold, Spec.Where);
        return Scored(pass != Spec.Inverse, Spec.Inverse ? 1 - score : score, reason);
    }

    /// <summary>
    /// Reads a judge's reply: the first JSON object with a boolean-like pass or a numeric score. With only
    /// a score, it passes at 0.5 or the threshold; with only pass, the score is 1 or 0.
    /// </summary>
    public static (bool Pass, double Score, string Reason) ReadGrade(string reply, double? threshold, string where)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var grade = AssertionValues.ExtractJsonObjects(reply).OfType<JsonObject>().FirstOrDefault(o => o.ContainsKey("pass") || o.ContainsKey("score"))
            ?? throw new AssertionException($"{where}: the judge's reply holds no JSON grade with pass or score: \"{Shorten(reply)}\"");
        var pass = Boolean(grade["pass"]);
        var score = Number(grade["score"]);
        if (grade.ContainsKey("pass") && pass is null)
        {
            throw new AssertionException($"{where}: the judge's pass is neither true nor false: {grade["pass"]?.ToJsonString() ?? "null"}");
        }

        if (grade.ContainsKey("score") && score is null)
        {
            throw new AssertionException($"{where}: the judge's score is not a number: {grade["score"]?.ToJsonString() ?? "null"}");
        }

        var finalScore = Math.Clamp(score ?? (pass == true ? 1 : 0), 0, 1);
        var finalPass = (pass ?? finalScore >= (threshold ?? 0.5)) && (threshold is not { } t || finalScore >= t);
        var reason = JsonKinds.IsString(grade["reason"]) ? grade["reason"]!.GetValue<string>()
            : finalPass
                ? "Grading passed"
                : $"Score {finalScore.ToString(CultureInfo.InvariantCulture)} below threshold {threshold?.ToString(CultureInfo.InvariantCulture) ?? "0.5"}";
        return (finalPass, finalScore, reason);
    }

    private static bool? Boolean(JsonNode? node) => node switch
    {
        _ when JsonKinds.IsBoolean(node) => node!.GetValue<bool>(),
        _ when JsonKinds.IsString(node) => node!.GetValue<string>().Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "pass" or "y" => true,
            "false" or "no" or "fail" or "n" => false,
            _ => null,
        },
        _ => null,
    };

    private static double? Number(JsonNode? node) => node switch
    {
        _ when JsonKinds.IsNumber(node) => JsonKinds.ToDouble(node!),
        _ when JsonKinds.IsString(node) && double.TryParse(node!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
