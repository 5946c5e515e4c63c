using System.CommandLine;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Cli;

/// <summary>Where <c>llmop eval --config</c> puts its reports: the Markdown summary on stdout, and the files asked for.</summary>
internal static class EvalOutputs
{
    public static async Task WriteAsync(EvaluationReport report, EvalArguments arguments, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        await console.Output.WriteAsync(MarkdownReport.Build(report)).ConfigureAwait(false);
        if (arguments.Output is { } json)
        {
            await WriteFileAsync(json, stream => JsonReport.WriteAsync(report, stream, cancellationToken)).ConfigureAwait(false);
        }

        if (arguments.JUnit is { } junit)
        {
            await WriteFileAsync(junit, stream => JUnitReport.WriteAsync(report, stream, cancellationToken)).ConfigureAwait(false);
        }

        if (arguments.Markdown is { } markdown)
        {
            await File.WriteAllTextAsync(markdown, MarkdownReport.Build(report), cancellationToken).ConfigureAwait(false);
        }

        if (arguments.Html is { } html)
        {
            await File.WriteAllTextAsync(html, HtmlReport.Build(report), cancellationToken).ConfigureAwait(false);
        }

        if (report.DryRun)
        {
            await console.Output.WriteLineAsync("\nDry run: the verdict is recorded and does not block (exit code 0 unless the run errs).")
                .ConfigureAwait(false);
        }
    }

    private static async Task WriteFileAsync(string path, Func<Stream, Task> write)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await write(stream).ConfigureAwait(false);
        }
    }
}
