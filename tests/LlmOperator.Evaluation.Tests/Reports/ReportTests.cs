using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Reports;

public class ReportTests
{
    [Fact]
    public async Task Json_results_carry_each_case_output_latency_tokens_and_assertion()
    {
        var report = SampleReport.Build();
        using var stream = new MemoryStream();
        await JsonReport.WriteAsync(report, stream, CancellationToken.None);

        var json = JsonNode.Parse(stream.ToArray())!;
        Assert.Equal("run-7", json["run"]!.GetValue<string>());
        Assert.Equal(report.Verdict.Reason, json["verdict"]!["reason"]!.GetValue<string>());
        Assert.Equal(2.5, json["durationSeconds"]!.GetValue<double>());
        var first = json["endpoints"]![0]!["cases"]![0]!;
        Assert.Equal("case-0", first["id"]!.GetValue<string>());
        Assert.True(first["critical"]!.GetValue<bool>());
        var repeat = first["repeats"]![0]!;
        Assert.Equal(50, repeat["latencyMs"]!.GetValue<double>());
        Assert.Equal(12, repeat["promptTokens"]!.GetValue<long>());
        Assert.Equal("contains", repeat["assertions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("accuracy", repeat["assertions"]![0]!["metric"]!.GetValue<string>());
        var error = json["endpoints"]![0]!["cases"]![2]!;
        Assert.Equal("Error", error["outcome"]!.GetValue<string>());
        Assert.Equal(4, error["repeats"]![0]!["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task JUnit_counts_failures_and_errors_per_endpoint()
    {
        using var stream = new MemoryStream();
        await JUnitReport.WriteAsync(SampleReport.Build(), stream, CancellationToken.None);

        var document = XDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var suite = document.Root!.Element("testsuite")!;
        Assert.Equal(("4", "1", "1"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!));
        var failed = suite.Elements("testcase").Single(c => (string)c.Attribute("name")! == "case-3");
        Assert.Equal("contains: Expected output to contain \"42\"", (string)failed.Element("failure")!.Attribute("message")!);
        Assert.Equal("support-quality.candidate", (string)failed.Attribute("classname")!);
        Assert.NotNull(suite.Elements("testcase").Single(c => (string)c.Attribute("name")! == "case-2").Element("error"));
        Assert.NotEqual(0xEF, stream.ToArray()[0]);
    }

    [Fact]
    public void Markdown_leads_with_the_verdict_and_lists_what_did_not_pass()
    {
        var report = SampleReport.Build();

        var markdown = MarkdownReport.Build(report);

        Assert.StartsWith($"# Evaluation run-7: {report.Verdict.Phase}\n\n> {report.Verdict.Reason}\n", markdown);
        Assert.Contains("| Pass rate | 50.0% (CI 15.0%–85.0%) |", markdown);
        Assert.Contains("| `case-3` | candidate | Failed | contains: Expected output to contain \"42\" |", markdown);
        Assert.Contains("| `case-2` | candidate | Error | mock-llm at http://m/v1/: HTTP 500: injected error (4 attempts) |", markdown);
        Assert.Contains("| Metric `accuracy` | 0.6667 |", markdown);
    }

    [Fact]
    public void Results_that_fit_are_kept_whole()
    {
        var text = BoundedResults.Build(SampleReport.Build(), 100_000);

        Assert.Null(JsonNode.Parse(text)!["truncated"]);
    }

    [Fact]
    public void Oversized_results_shorten_answers_first_and_say_so()
    {
        var report = SampleReport.Build(cases: 40, outputLength: 3000);

        var text = BoundedResults.Build(report, 60_000);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 60_000);
        var json = JsonNode.Parse(text)!;
        Assert.Equal(
            "answers longer than 500 characters were shortened to fit the 58 KiB limit of the results ConfigMap",
            json["truncated"]!.GetValue<string>());
        Assert.Equal(40, json["endpoints"]![0]!["cases"]!.AsArray().Count);
        Assert.EndsWith("… [2500 more characters]", json["endpoints"]![0]!["cases"]![0]!["repeats"]![0]!["output"]!.GetValue<string>());
    }

    [Fact]
    public void Results_that_still_do_not_fit_leave_out_passing_cases_first_and_say_so()
    {
        var report = SampleReport.Build(cases: 400, outputLength: 10);

        var text = BoundedResults.Build(report, 40_000);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 40_000);
        var json = JsonNode.Parse(text)!;
        var listed = json["endpoints"]![0]!["cases"]!.AsArray();
        Assert.Equal(
            $"only {listed.Count} of 400 case results are listed (those that did not pass first) and answers were shortened to 0 characters, " +
            "to fit the 39 KiB limit of the results ConfigMap; the summary covers every case",
            json["truncated"]!.GetValue<string>());
        Assert.All(listed.Take(50), c => Assert.NotEqual("Passed", c!["outcome"]!.GetValue<string>()));
        Assert.Equal(400, json["summary"]!["cases"]!.GetValue<int>());
    }
}
