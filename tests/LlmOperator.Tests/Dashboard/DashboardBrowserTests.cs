using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Testing;
using LlmOperator.Tests.Cli;
using OpenQA.Selenium;

namespace LlmOperator.Tests.Dashboard;

// llmop dashboard in headless chromium against the sandbox with real objects: what a person sees on each page,
// a change made in the cluster appearing without a reload, and an action taken from the page.
public class DashboardBrowserTests(DashboardFixture dashboard) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private async Task<ModelDeployment> CreateAsync(string name, ModelDeploymentStatus status)
    {
        var models = new ResourceClient<ModelDeployment>(dashboard.Client);
        var created = await models.CreateAsync(RolloutSamples.Model(dashboard.Namespace, name), default);
        return (await models.UpdateStatusAsync(created, m => m.Status = status, default))!;
    }

    private static async Task<bool> Shows(Func<bool> condition) =>
        await Eventually.True(
            () =>
            {
                try
                {
                    return condition();
                }
                catch (WebDriverException)
                {
                    // The element was replaced by a live update while it was read.
                    return false;
                }
            },
            Patience);

    private string Text(string css) => dashboard.Browser.FindElement(By.CssSelector(css)).Text;

    [Fact]
    public async Task A_phase_change_in_the_cluster_appears_on_the_overview_without_a_reload()
    {
        var model = await CreateAsync("live", RolloutSamples.PausedOnEvaluation());
        dashboard.Open("/");
        Assert.True(await Shows(() => Text("tr[data-name=live] td.phase") == "Paused"), dashboard.Output);
        dashboard.Browser.ExecuteScript("window.loadedOnce = true;");

        await new ResourceClient<ModelDeployment>(dashboard.Client).UpdateStatusAsync(model, m => m.Status = RolloutSamples.Aborted(), default);

        Assert.True(await Shows(() => Text("tr[data-name=live] td.phase") == "Degraded"), dashboard.Browser.PageSource);
        Assert.Equal(true, dashboard.Browser.ExecuteScript("return window.loadedOnce === true;"));
        dashboard.Screenshot("overview");
    }

    [Fact]
    public async Task The_failing_case_of_a_failed_run_is_listed_first_with_its_input_and_the_filter_keeps_only_new_failures()
    {
        var runs = new ResourceClient<EvaluationRun>(dashboard.Client);
        const string Name = "chat-7d9f-1-s1-support-quality";
        var run = await runs.CreateAsync(RolloutSamples.Run(dashboard.Namespace, "chat", Name, "7d9f", DateTime.UtcNow), default);
        await runs.UpdateStatusAsync(run, r => r.Status = new EvaluationRunStatus
        {
            Phase = EvaluationPhase.Failed,
            Verdict = "Failed: the candidate fails capital-fr, which the baseline passes.",
            Summary = new EvaluationSummary { Cases = 3, Passed = 2, Failed = 1, Errors = 0, PassRate = 2 / 3.0 },
        }, default);
        await new ResourceClient<V1ConfigMap>(dashboard.Client).CreateAsync(
            new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = RunResults.ConfigMapName(Name), NamespaceProperty = dashboard.Namespace },
                Data = new Dictionary<string, string> { [RunResults.ResultsKey] = Results(Name).ToJsonString() },
            },
            default);

        dashboard.Open($"/runs/{Name}");

        Assert.True(await Shows(() => Text("h1").StartsWith($"Evaluation {Name}", StringComparison.Ordinal)), dashboard.Browser.PageSource);
        var rows = dashboard.Browser.FindElements(By.CssSelector("#case-table tbody tr"));
        Assert.Equal(["capital-fr", "a-berlin", "b-rome"], rows.Select(r => r.GetAttribute("data-case")));
        Assert.Equal("Lyon", rows[0].FindElement(By.CssSelector("ins")).Text);
        Assert.Equal("Paris", rows[0].FindElement(By.CssSelector("del")).Text);
        Assert.Equal("What is the capital of France?", rows[0].FindElement(By.CssSelector("pre.input")).Text);
        dashboard.Screenshot("evaluation-run");

        dashboard.Browser.FindElement(By.CssSelector("label[for=only-new-failures]")).Click();

        Assert.Equal([true, false, false], dashboard.Browser.FindElements(By.CssSelector("#case-table tbody tr")).Select(r => r.Displayed));
    }

    [Fact]
    public async Task The_drift_chart_has_one_point_per_scheduled_run()
    {
        await CreateAsync("drifting", DashboardSamples.Drifting());

        dashboard.Open("/rollouts/drifting/drift");

        Assert.True(await Shows(() => Text("h1") == "Drift of drifting"), dashboard.Browser.PageSource);
        Assert.Equal(5, dashboard.Browser.FindElements(By.CssSelector("svg.drift circle.point")).Count);
        Assert.Equal(2, dashboard.Browser.FindElements(By.CssSelector("svg.drift circle.point.drifted")).Count);
        Assert.Equal("release 5c4a", Text("svg.drift line.release + text"));
        dashboard.Screenshot("drift");
    }

    [Fact]
    public async Task A_pipelines_page_lists_its_components_and_a_components_canary_appears_without_a_reload()
    {
        var component = await CreateAsync("chat", RolloutSamples.Healthy());
        var pipeline = RolloutSamples.Model(dashboard.Namespace, "support-bot");
        (pipeline.Spec.Engine, pipeline.Spec.Pipeline, pipeline.Spec.Model.ServedName) = (InferenceEngine.Pipeline, DashboardSamples.Pipeline(), null);
        var models = new ResourceClient<ModelDeployment>(dashboard.Client);
        await models.UpdateStatusAsync(await models.CreateAsync(pipeline, default), m => m.Status = RolloutSamples.Healthy(), default);
        var prompts = new ResourceClient<PromptVersion>(dashboard.Client);
        var prompt = DashboardSamples.Prompt(dashboard.Namespace, 1, PromptPhase.Active);
        var status = prompt.Status;
        await prompts.UpdateStatusAsync(await prompts.CreateAsync(prompt, default), p => p.Status = status, default);

        dashboard.Open("/rollouts/support-bot");

        Assert.True(await Shows(() => Text("#component-table tr[data-component=chat] td.phase") == "Healthy"), dashboard.Browser.PageSource);
        Assert.Equal(
            ["chat", "router-small", "support"],
            dashboard.Browser.FindElements(By.CssSelector("#component-table tbody tr")).Select(r => r.GetAttribute("data-component")));
        Assert.Equal("missing", Text("#component-table tr[data-component=router-small] td.phase"));
        Assert.Equal("version 1", Text("#component-table tr[data-component=support] td:nth-of-type(3)"));

        await models.UpdateStatusAsync(component, m => m.Status = RolloutSamples.PausedOnEvaluation(), default);

        Assert.True(await Shows(() => Text("#component-table tr[data-component=chat] td.phase") == "Paused"), dashboard.Browser.PageSource);
        Assert.Equal("7d9f (10%)", Text("#component-table tr[data-component=chat] td:nth-of-type(4)"));
        dashboard.Screenshot("pipeline");

        dashboard.Open("/");
        Assert.True(await Shows(() => Text("tr[data-prompt=support-v1] td.phase") == "Active"), dashboard.Browser.PageSource);
        Assert.Equal("pipeline of chat, router-small", Text("tr[data-name=support-bot] td.engine"));
    }

    [Fact]
    public async Task Promote_on_the_rollout_page_releases_the_pause_with_the_users_credentials()
    {
        await CreateAsync("paused", RolloutSamples.PausedOnEvaluation());
        dashboard.Open("/rollouts/paused");
        Assert.True(await Shows(() => Text("h1 .phase") == "Paused"), dashboard.Browser.PageSource);
        dashboard.Screenshot("rollout");

        dashboard.Browser.FindElement(By.XPath("//form[contains(@action, '/promote')]/button")).Click();

        Assert.True(await Shows(() => Text("p.message[role=status]").Length > 0), dashboard.Browser.PageSource);
        var read = await new ResourceClient<ModelDeployment>(dashboard.Client).GetAsync(new ObjectKey(dashboard.Namespace, "paused"), default);
        Assert.Null(read!.Status!.PauseConditions);
    }

    // The JSON results of a run where the candidate loses capital-fr, which the baseline passed.
    private static JsonObject Results(string run)
    {
        static JsonObject Case(string id, bool pass, string answer) => new()
        {
            ["id"] = id,
            ["input"] = $"What is the capital of {id switch { "a-berlin" => "Germany", "b-rome" => "Italy", _ => "France" }}?",
            ["outcome"] = pass ? "Passed" : "Failed",
            ["repeats"] = new JsonArray(new JsonObject
            {
                ["repeat"] = 1,
                ["output"] = answer,
                ["assertions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "icontains",
                    ["pass"] = pass,
                    ["score"] = pass ? 1 : 0,
                    ["reason"] = pass ? "Assertion passed" : "Expected output to contain \"paris\"",
                    ["weight"] = 1,
                }),
            }),
        };
        return new JsonObject
        {
            ["run"] = run,
            ["gate"] = "support-quality",
            ["verdict"] = new JsonObject { ["phase"] = "Failed", ["reason"] = "Failed: the candidate fails capital-fr, which the baseline passes." },
            ["summary"] = new JsonObject
            {
                ["cases"] = 3,
                ["passed"] = 2,
                ["failed"] = 1,
                ["errors"] = 0,
                ["passRate"] = 0.6667,
                ["passRateLower"] = 0.21,
                ["passRateUpper"] = 0.94,
            },
            ["baselineSummary"] = new JsonObject
            {
                ["cases"] = 3,
                ["passed"] = 3,
                ["failed"] = 0,
                ["errors"] = 0,
                ["passRate"] = 1.0,
                ["passRateLower"] = 0.44,
                ["passRateUpper"] = 1.0,
            },
            ["comparison"] = new JsonObject { ["baseline"] = "revision 5c4a", ["newFailures"] = new JsonArray("capital-fr") },
            ["endpoints"] = new JsonArray(
                new JsonObject
                {
                    ["role"] = "candidate",
                    ["model"] = "llama-chat",
                    ["cases"] = new JsonArray(
                        Case("a-berlin", true, "Berlin."), Case("b-rome", true, "Rome."), Case("capital-fr", false, "The capital of France is Lyon.")),
                },
                new JsonObject
                {
                    ["role"] = "baseline",
                    ["model"] = "llama-chat",
                    ["cases"] = new JsonArray(
                        Case("a-berlin", true, "Berlin."), Case("b-rome", true, "Rome."), Case("capital-fr", true, "The capital of France is Paris.")),
                }),
        };
    }
}
