using System.Text.Json.Nodes;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Templates;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Pipelines.Tests.Execution;

public class PipelineExecutorTests
{
    private readonly ScriptedComponents _components = new();
    private readonly PublishedPrompts _prompts = new();
    private readonly FakeTimeProvider _time = new();

    private static PipelineRequest Ask(string question, JsonObject? vars = null) =>
        new([new ChatMessage("system", "be brief"), new ChatMessage("user", question)], vars);

    private PipelineExecutor Executor(string pipeline) =>
        new(PipelineCompiler.Compile(PipelineSpecs.Parse(pipeline)), _components, _prompts, _time);

    private Task<PipelineResult> RunAsync(string pipeline, PipelineRequest? request = null, CancellationToken cancellationToken = default) =>
        Executor(pipeline).ExecuteAsync(request ?? Ask("Where is my order?"), cancellationToken);

    [Fact]
    public async Task A_call_renders_its_prompt_with_the_input_the_callers_vars_and_its_own_and_the_last_step_answers()
    {
        _prompts.Publish("support-answer", "{{ question }} (customer {{ customer }}, input {{ input }})", new() { Temperature = 0.2, MaxTokens = 50 });
        _components.Answer("llama-chat", "It ships today.");

        var result = await RunAsync(
            """
            {"steps":[{"name":"answer","call":{"modelRef":{"name":"llama-chat"},"promptRef":{"name":"support-answer"},
              "vars":{"question":"Q: {{ input | upcase }}"},"parameters":{"maxTokens":80}}}]}
            """,
            Ask("Where is my order?", new JsonObject { ["customer"] = "c-7" }));

        Assert.Equal("It ships today.", result.Output);
        var request = Assert.Single(_components.Requests);
        Assert.Equal("llama-chat", request.ModelRef);
        Assert.Equal([new ChatMessage("user", "Q: WHERE IS MY ORDER? (customer c-7, input Where is my order?)")], request.Messages);
        Assert.Equal("""{"temperature":0.2,"max_tokens":80}""", request.Parameters!.ToJsonString());
        var step = Assert.Single(result.Steps);
        Assert.Equal(("answer", "It ships today."), (step.Step, step.Output));
        Assert.Equal(CallOutcome.Answered, Assert.Single(step.Calls).Outcome);
    }

    [Fact]
    public async Task A_call_without_messages_passes_the_conversation_on_and_later_steps_and_the_output_read_earlier_answers()
    {
        _components.Answer("guard-llm", "safe").Answer("llama-chat", call => $"answer to: {call.Messages[^1].Content}");

        var result = await RunAsync(
            """
            {"steps":[
              {"name":"guard","call":{"modelRef":{"name":"guard-llm"}}},
              {"name":"answer","call":{"modelRef":{"name":"llama-chat"},
                "messages":[{"role":"system","content":"guard said {{ steps.guard.output }}"},{"role":"user","content":"{{ input }}"}]}}],
             "output":"[{{ steps.guard.output }}] {{ steps.answer.output }}"}
            """);

        Assert.Equal("[safe] answer to: Where is my order?", result.Output);
        var requests = _components.Requests.ToList();
        Assert.Equal([new ChatMessage("system", "be brief"), new ChatMessage("user", "Where is my order?")], requests[0].Messages);
        Assert.Equal([new ChatMessage("system", "guard said safe"), new ChatMessage("user", "Where is my order?")], requests[1].Messages);
        Assert.Equal(["guard", "answer"], result.Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task A_failed_call_falls_back_in_order_with_the_messages_it_rendered()
    {
        _prompts.Publish("support-answer", "Answer: {{ input }}");
        _components.Fail("llama-chat", "503 Service Unavailable").Fail("small-llm", "connection refused").Answer("hosted-gpt", "From the fallback.");

        var result = await RunAsync(
            """
            {"steps":[{"name":"answer","call":{"modelRef":{"name":"llama-chat"},"promptRef":{"name":"support-answer"},
              "fallback":[{"modelRef":{"name":"small-llm"}},{"modelRef":{"name":"hosted-gpt"},"parameters":{"temperature":0}}]}}]}
            """);

        Assert.Equal("From the fallback.", result.Output);
        Assert.Equal(["llama-chat", "small-llm", "hosted-gpt"], _components.Requests.Select(r => r.ModelRef));
        Assert.All(_components.Requests, r => Assert.Equal([new ChatMessage("user", "Answer: Where is my order?")], r.Messages));
        Assert.Equal("""{"temperature":0}""", _components.Requests.Last().Parameters!.ToJsonString());
        Assert.Equal(
            [(CallOutcome.Failed, "503 Service Unavailable"), (CallOutcome.Failed, "connection refused"), (CallOutcome.Answered, null)],
            result.Steps[0].Calls.Select(c => (c.Outcome, c.Error)));
    }

    [Fact]
    public async Task A_call_that_takes_longer_than_its_timeout_is_cancelled_and_falls_back()
    {
        var started = new TaskCompletionSource();
        _components.Answer("hosted-gpt", "fast answer");
        var seen = CancellationToken.None;
        _components.Script("llama-chat", async (_, cancellationToken) =>
        {
            seen = cancellationToken;
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "never";
        });

        var running = RunAsync(
            """{"steps":[{"name":"a","call":{"modelRef":{"name":"llama-chat"},"timeout":"20s","fallback":[{"modelRef":{"name":"hosted-gpt"}}]}}]}""");
        await started.Task;
        _time.Advance(TimeSpan.FromSeconds(21));
        var result = await running;

        Assert.True(seen.IsCancellationRequested);
        Assert.Equal("fast answer", result.Output);
        Assert.Equal((CallOutcome.TimedOut, "no answer within 20s"), (result.Steps[0].Calls[0].Outcome, result.Steps[0].Calls[0].Error));
    }

    [Fact]
    public async Task An_answer_that_meets_unless_is_refused_and_the_fallback_answers()
    {
        _components.Answer("llama-chat", "I don't know").Answer("hosted-gpt", "It ships today.");

        var result = await RunAsync(
            """
            {"steps":[{"name":"a","call":{"modelRef":{"name":"llama-chat"},"unless":"output.contains('know') && input.endsWith('?')",
              "fallback":[{"modelRef":{"name":"hosted-gpt"}}]}}]}
            """);

        Assert.Equal("It ships today.", result.Output);
        Assert.Equal(CallOutcome.Refused, result.Steps[0].Calls[0].Outcome);
        Assert.Equal("its answer meets unless (output.contains('know') && input.endsWith('?'))", result.Steps[0].Calls[0].Error);
    }

    [Fact]
    public async Task When_every_target_fails_the_step_fails_naming_each_reason_and_the_steps_that_ran()
    {
        _components.Answer("guard-llm", "safe").Fail("llama-chat", "500 boom").Answer("hosted-gpt", "");

        var error = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """
            {"steps":[{"name":"guard","call":{"modelRef":{"name":"guard-llm"}}},
              {"name":"answer","call":{"modelRef":{"name":"llama-chat"},"unless":"size(output) == 0","fallback":[{"modelRef":{"name":"hosted-gpt"}}]}}]}
            """));

        Assert.Equal(
            "step answer: spec.pipeline.steps[1].call: no call answered "
                + "(llama-chat: 500 boom; hosted-gpt: its answer meets unless (size(output) == 0))",
            error.Message);
        Assert.Equal(["guard"], error.Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task A_switch_runs_the_first_case_that_holds_and_answers_a_literal_respond()
    {
        const string Pipeline = """
            {"steps":[{"name":"guard","call":{"modelRef":{"name":"guard-llm"}}},
              {"name":"answer","switch":[
                {"when":"steps.guard.output.startsWith('unsafe')","respond":"Sorry, I cannot help with that."},
                {"when":"vars.tier == 'gold'","call":{"modelRef":{"name":"big-llm"}}},
                {"call":{"modelRef":{"name":"llama-chat"}}}]}]}
            """;
        _components.Answer("big-llm", "gold answer").Answer("llama-chat", "plain answer");

        _components.Answer("guard-llm", "unsafe: weapons");
        var refused = await RunAsync(Pipeline);
        _components.Answer("guard-llm", "safe");
        var gold = await RunAsync(Pipeline, Ask("hi", new JsonObject { ["tier"] = "gold" }));
        var plain = await RunAsync(Pipeline, Ask("hi", new JsonObject { ["tier"] = "free" }));

        Assert.Equal(("Sorry, I cannot help with that.", 0), (refused.Output, refused.Steps[1].Case));
        Assert.Empty(refused.Steps[1].Calls);
        Assert.Equal(("gold answer", 1), (gold.Output, gold.Steps[1].Case));
        Assert.Equal(("plain answer", 2), (plain.Output, plain.Steps[1].Case));
    }

    [Fact]
    public async Task A_switch_with_no_case_that_holds_fails()
    {
        _components.Answer("guard-llm", "safe");

        var error = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """{"steps":[{"name":"answer","switch":[{"when":"input == 'x'","respond":"x"}]}]}"""));

        Assert.Equal("step answer: no case of spec.pipeline.steps[0].switch holds, and none is without when", error.Message);
    }

    [Fact]
    public async Task A_vote_takes_the_most_frequent_answer_compared_loosely_and_a_tie_goes_to_the_earliest_call()
    {
        _components.Answer("a", "London").Answer("b", "  paris ").Answer("c", "Paris").Answer("d", "Rome");
        const string Vote = """
            {"steps":[{"name":"v","ensemble":{"combine":"vote",
              "calls":[{"modelRef":{"name":"a"}},{"modelRef":{"name":"b"}},{"modelRef":{"name":"c"}}]}}]}
            """;
        const string Tie = """{"steps":[{"name":"v","ensemble":{"combine":"vote","calls":[{"modelRef":{"name":"d"}},{"modelRef":{"name":"a"}}]}}]}""";

        Assert.Equal("  paris ", (await RunAsync(Vote)).Output);
        Assert.Equal("Rome", (await RunAsync(Tie)).Output);
    }

    [Fact]
    public async Task A_vote_counts_the_calls_that_answered_and_fails_only_when_none_did()
    {
        _components.Fail("a", "down").Answer("b", "yes").Fail("c", "down too");
        const string Calls = """[{"modelRef":{"name":"a"}},{"modelRef":{"name":"b"}},{"modelRef":{"name":"c"}}]""";

        const string Pipeline = $$$"""{"steps":[{"name":"v","ensemble":{"combine":"vote","calls":{{{Calls}}}}}]}""";

        var result = await RunAsync(Pipeline);
        _components.Fail("b", "all down");
        var error = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(Pipeline));

        Assert.Equal("yes", result.Output);
        Assert.Equal([CallOutcome.Failed, CallOutcome.Answered, CallOutcome.Failed], result.Steps[0].Calls.Select(c => c.Outcome));
        Assert.Equal(
            "step v: no call of spec.pipeline.steps[0].ensemble answered: "
                + "spec.pipeline.steps[0].ensemble.calls[0]: no call answered (a: down); "
                + "spec.pipeline.steps[0].ensemble.calls[1]: no call answered (b: all down); "
                + "spec.pipeline.steps[0].ensemble.calls[2]: no call answered (c: down too)",
            error.Message);
    }

    [Fact]
    public async Task First_takes_the_first_answer_and_cancels_the_other_calls()
    {
        var slowCancelled = new TaskCompletionSource();
        var slowStarted = new TaskCompletionSource();
        _components.Script("slow", async (_, cancellationToken) =>
        {
            slowStarted.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "slow answer";
            }
            catch (OperationCanceledException)
            {
                slowCancelled.TrySetResult();
                throw;
            }
        });
        _components.Script("fast", async (_, _) =>
        {
            await slowStarted.Task;
            return "fast answer";
        });

        var result = await RunAsync(
            """{"steps":[{"name":"f","ensemble":{"combine":"first","calls":[{"modelRef":{"name":"slow"}},{"modelRef":{"name":"fast"}}]}}]}""");

        Assert.Equal("fast answer", result.Output);
        Assert.Equal([("slow", CallOutcome.Cancelled), ("fast", CallOutcome.Answered)], result.Steps[0].Calls.Select(c => (c.ModelRef, c.Outcome)));
        Assert.True(slowCancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task A_judge_sees_the_answers_numbered_and_its_number_picks_one()
    {
        _components.Answer("a", "Short.").Answer("b", "A longer, better answer.").Answer("judge-llm", "Answer 2 is best.");

        var result = await RunAsync(
            """
            {"steps":[{"name":"j","ensemble":{"combine":"judge","calls":[{"modelRef":{"name":"a"}},{"modelRef":{"name":"b"}}],
              "judge":{"modelRef":{"name":"judge-llm"},"messages":[{"role":"user","content":"Q: {{ input }}\n{{ answers }}\n({{ candidates | size }})"}]}}}]}
            """);

        Assert.Equal("A longer, better answer.", result.Output);
        var judged = _components.Requests.Single(r => r.ModelRef == "judge-llm");
        Assert.Equal("Q: Where is my order?\n1. Short.\n2. A longer, better answer.\n(2)", judged.Messages.Single().Content);
        Assert.Equal(["a", "b", "judge-llm"], result.Steps[0].Calls.Select(c => c.ModelRef));
    }

    [Theory]
    [InlineData("none of them")]
    [InlineData("3")]
    public async Task A_judge_that_names_no_answer_fails_the_step(string judgement)
    {
        _components.Answer("a", "x").Answer("b", "y").Answer("judge-llm", judgement);

        var error = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """
            {"steps":[{"name":"j","ensemble":{"combine":"judge","calls":[{"modelRef":{"name":"a"}},{"modelRef":{"name":"b"}}],
              "judge":{"modelRef":{"name":"judge-llm"}}}}]}
            """));

        Assert.Equal($"step j: spec.pipeline.steps[0].ensemble.judge: the judge answered \"{judgement}\", not a number from 1 to 2", error.Message);
    }

    [Fact]
    public async Task The_pipeline_timeout_ends_a_request_with_the_step_it_was_at()
    {
        var started = new TaskCompletionSource();
        _components.Answer("guard-llm", "safe").Hang("llama-chat", started);

        var running = RunAsync(
            """
            {"timeout":"30s","steps":[{"name":"guard","call":{"modelRef":{"name":"guard-llm"}}},{"name":"answer","call":{"modelRef":{"name":"llama-chat"}}}]}
            """);
        await started.Task;
        _time.Advance(TimeSpan.FromSeconds(31));
        var error = await Assert.ThrowsAsync<PipelineExecutionException>(() => running);

        Assert.Equal("step answer: the pipeline ran out of its timeout of 30s", error.Message);
        Assert.Equal(["guard"], error.Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task A_caller_that_goes_away_cancels_the_component_call()
    {
        var started = new TaskCompletionSource();
        _components.Hang("llama-chat", started);
        using var caller = new CancellationTokenSource();

        var running = RunAsync(
            """{"steps":[{"name":"a","call":{"modelRef":{"name":"llama-chat"},"fallback":[{"modelRef":{"name":"never"}}]}}]}""",
            cancellationToken: caller.Token);
        await started.Task;
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(["llama-chat"], _components.Requests.Select(r => r.ModelRef));
    }

    [Theory]
    [InlineData("""{"when":"steps.guard.output > 3","respond":"x"}""", "spec.pipeline.steps[1].switch[0].when: the rule steps.guard.output > 3 fails: ")]
    [InlineData(
        """{"when":"steps.guard.output","respond":"x"}""",
        "spec.pipeline.steps[1].switch[0].when: the rule steps.guard.output gives safe, not true or false")]
    public async Task A_rule_that_fails_at_run_time_fails_the_step_with_its_path(string switchCase, string expected)
    {
        _components.Answer("guard-llm", "safe");

        var error = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """{"steps":[{"name":"guard","call":{"modelRef":{"name":"guard-llm"}}},{"name":"answer","switch":[""" + switchCase + "]}]}"));

        Assert.StartsWith("step answer: " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_does_not_render_fails_the_step_with_its_path()
    {
        var variable = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """{"steps":[{"name":"a","call":{"modelRef":{"name":"x"},"messages":[{"role":"user","content":"{{ nope }}"}]}}]}"""));
        var field = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """{"steps":[{"name":"a","call":{"modelRef":{"name":"x"},"vars":{"topic":"{{ vars.missing }}"}}}]}"""));

        Assert.Equal("step a: spec.pipeline.steps[0].call message 1 does not render: missing variable \"nope\"", variable.Message);
        Assert.Equal("step a: spec.pipeline.steps[0].call.vars.topic does not render: a variable or field it reads is missing", field.Message);
        Assert.Empty(_components.Requests);
    }

    [Fact]
    public async Task A_prompt_with_no_active_version_or_a_missing_variable_fails_the_step()
    {
        _prompts.Publish("needs-topic", "{{ topic }}", null, "topic");

        var unpublished = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """{"steps":[{"name":"a","call":{"modelRef":{"name":"x"},"promptRef":{"name":"support-answer"}}}]}"""));
        var missing = await Assert.ThrowsAsync<PipelineExecutionException>(() => RunAsync(
            """{"steps":[{"name":"a","call":{"modelRef":{"name":"x"},"promptRef":{"name":"needs-topic"}}}]}"""));

        Assert.Equal("step a: spec.pipeline.steps[0].call: prompt support-answer has no active version", unpublished.Message);
        Assert.Equal("step a: spec.pipeline.steps[0].call: prompt needs-topic v1: missing required variable \"topic\"", missing.Message);
    }
}
