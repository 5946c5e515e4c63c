using System.Globalization;
using System.Xml.Linq;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Reports;

/// <summary>The run as JUnit XML for CI systems: one test suite per endpoint, one test case per case.</summary>
public static class JUnitReport
{
    /// <summary>Builds the document.</summary>
    public static XDocument Build(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suites = report.Endpoints.Select(e => Suite(report, e)).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", $"{report.GateName} ({report.RunName})"),
            new XAttribute("tests", report.Endpoints.Sum(e => e.Cases.Count)),
            new XAttribute("failures", report.Endpoints.Sum(e => e.Cases.Count(c => c.Outcome == CaseOutcome.Failed))),
            new XAttribute("errors", report.Endpoints.Sum(e => e.Cases.Count(c => c.Outcome == CaseOutcome.Error))),
            new XAttribute("time", Seconds(report.Duration.TotalMilliseconds)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>Writes the document to a stream.</summary>
    public static async Task WriteAsync(EvaluationReport report, Stream stream, CancellationToken cancellationToken)
    {
        // UTF-8 without a byte order mark: some CI parsers refuse one.
        var settings = new System.Xml.XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        var writer = System.Xml.XmlWriter.Create(stream, settings);
        await using (writer.ConfigureAwait(false))
        {
            await Build(report).SaveAsync(writer, cancellationToken).ConfigureAwait(false);
        }
    }

    private static XElement Suite(EvaluationReport report, EndpointResults results)
    {
        var className = $"{report.GateName}.{results.Role}";
        return new XElement("testsuite",
            new XAttribute("name", $"{results.Role}: {results.Model} at {results.Url}"),
            new XAttribute("tests", results.Cases.Count),
            new XAttribute("failures", results.Cases.Count(c => c.Outcome == CaseOutcome.Failed)),
            new XAttribute("errors", results.Cases.Count(c => c.Outcome == CaseOutcome.Error)),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(results.Cases.Sum(c => c.Attempts.Sum(a => a.LatencyMs ?? 0)))),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "verdict"), new XAttribute("value", report.Verdict.Reason)),
                new XElement("property", new XAttribute("name", "datasetSha256"), new XAttribute("value", report.DatasetSha256))),
            results.Cases.Select(c => Case(className, c)));
    }

    private static XElement Case(string className, CaseResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", className),
            new XAttribute("name", result.Id),
            new XAttribute("time", Seconds(result.Attempts.Sum(a => a.LatencyMs ?? 0))));
        var details = string.Join("\n", result.Attempts.Select(a => $"repeat {a.Repeat}: " +
            (a.Error ?? string.Join("; ", a.Assertions.Select(o => $"{o.Type} {(o.Pass ? "passed" : "failed")}: {o.Reason}")))));
        switch (result.Outcome)
        {
            case CaseOutcome.Failed:
                element.Add(new XElement("failure", new XAttribute("message", result.Problem ?? "failed"), new XAttribute("type", "assertion"), details));
                break;
            case CaseOutcome.Error:
                element.Add(new XElement("error", new XAttribute("message", result.Problem ?? "error"), new XAttribute("type", "error"), details));
                break;
        }

        if (result.Attempts[0].Output is { } output)
        {
            element.Add(new XElement("system-out", output));
        }

        return element;
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.###", CultureInfo.InvariantCulture);
}
