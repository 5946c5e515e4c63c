using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.Common;

public class ModelDeploymentNamesTests
{
    private const string Revision = "0123456789";

    // As long as a ModelDeployment name may be.
    private static readonly string LongestModel = new('m', ModelDeploymentNames.MaxModelNameLength);

    [Fact]
    public void A_short_step_run_name_is_left_as_it_is()
    {
        Assert.Equal("llama-0123456789-2-s3-quality", ModelDeploymentNames.StepRun("llama", Revision, 2, 3, "quality"));
    }

    [Fact]
    public void A_short_initial_run_name_is_left_as_it_is()
    {
        Assert.Equal("llama-0123456789-initial-quality", ModelDeploymentNames.InitialRun("llama", Revision, "quality"));
    }

    [Fact]
    public void A_drift_run_is_named_after_the_minute_it_was_due_in_utc()
    {
        var due = new DateTimeOffset(2026, 11, 26, 20, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal("llama-drift-202611261830-quality", ModelDeploymentNames.DriftRun("llama", due, "quality"));
    }

    [Fact]
    public void A_run_name_of_exactly_61_characters_is_left_as_it_is()
    {
        // "-0123456789-1-s0-" is 17 characters: 30 + 17 + 14 = 61.
        var name = ModelDeploymentNames.StepRun(new string('m', 30), Revision, 1, 0, new string('g', 14));

        Assert.Equal(61, name.Length);
        Assert.EndsWith("-s0-gggggggggggggg", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_run_name_is_cut_to_61_characters_ending_with_a_hash()
    {
        var whole = $"{LongestModel}-{Revision}-1-s0-quality";

        var name = ModelDeploymentNames.StepRun(LongestModel, Revision, 1, 0, "quality");

        Assert.Equal(ModelDeploymentNames.MaxRunNameLength, name.Length);
        Assert.StartsWith(whole[..50], name, StringComparison.Ordinal);
        Assert.Matches("-[0-9a-f]{10}$", name);
    }

    [Fact]
    public void A_long_run_name_is_the_same_every_time()
    {
        Assert.Equal(
            ModelDeploymentNames.StepRun(LongestModel, Revision, 1, 0, "quality"),
            ModelDeploymentNames.StepRun(LongestModel, Revision, 1, 0, "quality"));
    }

    [Fact]
    public void Long_run_names_that_differ_only_at_the_end_stay_different()
    {
        var quality = ModelDeploymentNames.StepRun(LongestModel, Revision, 1, 0, "quality");
        var safety = ModelDeploymentNames.StepRun(LongestModel, Revision, 1, 0, "safety");
        var laterStep = ModelDeploymentNames.StepRun(LongestModel, Revision, 1, 2, "quality");

        Assert.Equal(3, new[] { quality, safety, laterStep }.Distinct().Count());
    }

    [Fact]
    public void A_cut_run_name_does_not_end_its_prefix_with_a_dash()
    {
        // The cut falls right after "<model>-": the dash is dropped rather than doubled before the hash.
        var name = ModelDeploymentNames.InitialRun(new string('m', 49), Revision, "quality");

        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
        Assert.Matches("^m{49}-[0-9a-f]{10}$", name);
    }

    [Fact]
    public void The_jobs_of_the_longest_run_name_fit_in_a_dns_label()
    {
        var run = ModelDeploymentNames.DriftRun(LongestModel, DateTimeOffset.UnixEpoch, "a-gate-name-that-is-rather-long");

        Assert.True($"{run}-9".Length <= 63);
    }

    [Fact]
    public void The_longest_model_name_keeps_its_deployments_and_services_within_63_characters()
    {
        Assert.Equal(63, ModelDeploymentNames.Deployment(LongestModel, Revision).Length);
        Assert.True(ModelDeploymentNames.CanaryService(LongestModel).Length <= 63);
        Assert.True(ModelDeploymentNames.StableService(LongestModel).Length <= 63);
        Assert.True(ModelDeploymentNames.MainService(LongestModel).Length <= 63);
    }

    [Fact]
    public void Services_are_the_model_name_and_its_stable_and_canary_variants()
    {
        Assert.Equal(
            ("llama", "llama-stable", "llama-canary"),
            (ModelDeploymentNames.MainService("llama"), ModelDeploymentNames.StableService("llama"), ModelDeploymentNames.CanaryService("llama")));
    }

    [Fact]
    public void Owned_objects_are_labelled_managed_by_the_operator_and_with_their_model()
    {
        var owner = new ModelDeployment { Metadata = new V1ObjectMeta { Name = "llama" } };

        Assert.Equal(
            new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "llm-operator", ["llmoperator.io/model"] = "llama" },
            ModelDeploymentNames.Labels(owner));
        Assert.Equal(Revision, ModelDeploymentNames.Labels(owner, Revision)["llmoperator.io/revision"]);
    }

    [Fact]
    public void A_label_an_object_does_not_have_is_null()
    {
        Assert.Null(ModelDeploymentNames.Label(new V1ConfigMap { Metadata = new V1ObjectMeta() }, WellKnownLabels.Revision));
        Assert.Equal("r1", ModelDeploymentNames.Label(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [WellKnownLabels.Revision] = "r1" } } },
            WellKnownLabels.Revision));
    }
}
