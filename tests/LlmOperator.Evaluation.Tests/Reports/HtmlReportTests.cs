using System.Text.RegularExpressions;
using System.Xml.Linq;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Reports.Html;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Tests.Reports;

// The HTML page of a run (llmop eval --html and the dashboard's EvaluationRun page), read as the markup a browser gets.
public class HtmlReportTests
{
    private static AttemptResult Answer(string text, bool pass)
    {
        var outcomes = new List<AssertionOutcome>
        {
            new("icontains", pass, pass ? 1 : 0, pass ? "Assertion passed" : "Expected output to contain \"paris\"", 1, null),
        };
        return new AttemptResult(1, text, CaseScore.From(outcomes), outcomes, 40, 10, 5, 3, null, 1, null);
    }

    // The candidate loses case "capital-fr" that the baseline passed; "hard" fails on both sides; the rest pass on both.
    private static EvaluationReport Compared()
    {
        var candidate = new List<CaseResult>
        {
            new("a-easy", false, [], [Answer("Berlin is the capital.", true)], "What is the capital of Germany?"),
            new("hard", false, [], [Answer("I do not know.", false)], "What is the capital of Paris?"),
            new("capital-fr", false, [], [Answer("The capital of France is Lyon.", false)], "What is the capital of France?"),
        };
        var baseline = new List<CaseResult>
        {
            new("a-easy", false, [], [Answer("Berlin is the capital.", true)], "What is the capital of Germany?"),
            new("hard", false, [], [Answer("No idea.", false)], "What is the capital of Paris?"),
            new("capital-fr", false, [], [Answer("The capital of France is Paris.", true)], "What is the capital of France?"),
        };
        var candidateResults = new EndpointResults("candidate", "http://c/v1/", "chat-v2", candidate);
        var baselineResults = new EndpointResults("baseline", "http://b/v1/", "chat-v1", baseline);
        var policy = new GatePolicy(new Thresholds { MinPassRate = 0.5 }, new ComparisonPolicy { MinCases = 3 }, 1, 100);
        var verdict = VerdictCalculator.Decide(candidateResults, baselineResults, policy);
        var started = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        return new EvaluationReport(
            "run-9", "support-quality", new string('a', 64), started, started.AddSeconds(3), candidateResults, baselineResults, verdict, false);
    }

    private static XElement CaseTable(string page)
    {
        var table = Regex.Match(page, "<table id=\"case-table\".*?</table>", RegexOptions.Singleline).Value;
        return XElement.Parse(table.Replace("<br>", "<br/>", StringComparison.Ordinal));
    }

    [Fact]
    public void The_new_failure_is_listed_first_with_both_answers_and_the_changed_words_marked()
    {
        var page = HtmlReport.Build(Compared());

        var rows = CaseTable(page).Element("tbody")!.Elements("tr").ToList();
        Assert.Equal(["capital-fr", "hard", "a-easy"], rows.Select(r => (string)r.Attribute("data-case")!));
        Assert.Equal("case new-failure", (string)rows[0].Attribute("class")!);
        Assert.Equal("case", (string)rows[1].Attribute("class")!);
        var answers = rows[0].Elements("td").Select(td => td.Element("pre")).Where(p => (string?)p?.Attribute("class") == "answer").ToList();
        Assert.Equal("The capital of France is <ins>Lyon</ins>.", string.Concat(answers[0]!.Nodes()));
        Assert.Equal("The capital of France is <del>Paris</del>.", string.Concat(answers[1]!.Nodes()));
        Assert.Contains("<label class=\"filter\" for=\"only-new-failures\">Show only new failures (1)</label>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_case_shows_what_it_asked_beside_both_answers()
    {
        var table = CaseTable(HtmlReport.Build(Compared()));

        Assert.Equal(
            ["Case", "Outcome", "Input", "Candidate answer", "Baseline answer", "Assertions"],
            table.Element("thead")!.Descendants("th").Select(th => th.Value));
        var first = table.Element("tbody")!.Elements("tr").First();
        var cells = first.Elements("td").ToList();
        Assert.Equal("What is the capital of France?", cells[1].Value);
        Assert.Equal("input", (string)cells[1].Element("pre")!.Attribute("class")!);
        Assert.Equal(["answer", "answer"], cells.Skip(2).Take(2).Select(c => (string)c.Element("pre")!.Attribute("class")!));
    }

    [Fact]
    public void Results_without_inputs_have_no_input_column()
    {
        var table = CaseTable(HtmlReport.Build(SampleReport.Build()));

        Assert.DoesNotContain("Input", table.Element("thead")!.Descendants("th").Select(th => th.Value));
    }

    [Fact]
    public void The_page_is_self_contained_with_headed_tables_and_intervals_drawn_as_svg()
    {
        var page = HtmlReport.Build(Compared());

        Assert.DoesNotMatch("<(script|link|img|iframe)[^>]*(src|href)=", page);
        Assert.DoesNotContain("url(", page, StringComparison.Ordinal);
        Assert.All(Regex.Matches(page, "<th(?=[ >])[^>]*>").Select(m => m.Value), th => Assert.Contains("scope=", th, StringComparison.Ordinal));
        Assert.Contains("<h2 id=\"comparison\">Candidate against baseline chat-v1 at http://b/v1/</h2>", page, StringComparison.Ordinal);
        Assert.Matches("<svg class=\"interval\" role=\"img\" aria-label=\"Candidate pass rate 33.3%, interval [0-9.]+% to [0-9.]+%\"", page);
    }

    [Fact]
    public void Text_from_answers_is_escaped()
    {
        var (left, right) = WordDiff.Mark("<b>same</b> x", "<b>same</b> y");

        Assert.Equal("&lt;b&gt;same&lt;/b&gt; <del>x</del>", left);
        Assert.Equal("&lt;b&gt;same&lt;/b&gt; <ins>y</ins>", right);
    }

    [Fact]
    public void A_run_without_results_shows_what_its_status_says()
    {
        var run = new EvaluationRun
        {
            Metadata = new() { Name = "chat-1-s1" },
            Status = new EvaluationRunStatus
            {
                Phase = EvaluationPhase.Failed,
                Verdict = "Failed: the pass rate 40.0% is below 80.0%.",
                Summary = new EvaluationSummary { Cases = 10, Passed = 4, Failed = 6, Errors = 0, PassRate = 0.4, PassRateLower = 0.17, PassRateUpper = 0.69 },
            },
        };

        var body = HtmlReport.Body(RunResultsView.FromStatus(run));

        Assert.StartsWith(
            "<h1>Evaluation chat-1-s1 <span class=\"badge bad\">Failed</span></h1>\n<p class=\"lead\">Failed: the pass rate 40.0%",
            body,
            StringComparison.Ordinal);
        Assert.Contains("<td>40.0% (17.0%–69.0%) <svg", body, StringComparison.Ordinal);
        Assert.DoesNotContain("case-table", body, StringComparison.Ordinal);
    }
}
