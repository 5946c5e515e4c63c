using System.Diagnostics;
using LlmOperator.Pipelines.Compiling;

namespace LlmOperator.Pipelines.Execution;

/// <summary>A span per pipeline step; component calls add their own GenAI spans beneath it.</summary>
public static class PipelineTelemetry
{
    /// <summary>The name of the activity source, to listen to with OpenTelemetry.</summary>
    public const string SourceName = "LlmOperator.Pipelines";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartStep(CompiledStep step)
    {
        var activity = Source.StartActivity($"pipeline step {step.Name}");
        activity?.SetTag("llmop.pipeline.step", step.Name);
        activity?.SetTag("llmop.pipeline.step.kind", step.Action switch
        {
            CallAction => "call",
            SwitchAction => "switch",
            _ => "ensemble",
        });
        return activity;
    }

    internal static void Finish(Activity? activity, StepTrace trace)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("llmop.pipeline.calls", trace.Calls.Count);
        activity.SetTag("llmop.pipeline.fallbacks", trace.Calls.Count(c => c.Outcome != CallOutcome.Answered && c.Outcome != CallOutcome.Cancelled));
        if (trace.Case is { } chosen)
        {
            activity.SetTag("llmop.pipeline.case", chosen);
        }
    }

    internal static void Fail(Activity? activity, Exception error) => activity?.SetStatus(ActivityStatusCode.Error, error.Message);
}
