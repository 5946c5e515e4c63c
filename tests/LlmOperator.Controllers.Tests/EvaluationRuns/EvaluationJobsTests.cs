using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.EvaluationRuns;

namespace LlmOperator.Controllers.Tests.EvaluationRuns;

public class EvaluationJobsTests
{
    private const string Image = "ghcr.io/llmoperator/llmop:0.1.0";
    private static readonly EvaluationJobSettings Settings = new(Image, ControllerOptions.DefaultEvaluationDeadlineMargin);

    private static EvaluationRun Run(ExecutionSettings? execution = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "llama-0123456789-1-s0-quality", NamespaceProperty = "ml" },
        Spec = new EvaluationRunSpec { Gate = new GateSnapshot { Name = "quality", Spec = new EvaluationGateSpec { Execution = execution } } },
    };

    private static V1Job Job(EvaluationRun? run = null, int attempt = 1) => EvaluationJobs.Job(run ?? Run(), attempt, Settings);

    [Fact]
    public void The_job_gets_each_api_key_its_run_may_need_from_the_kubelet_and_reads_no_secret()
    {
        var run = Run();
        run.Spec.Candidate.ApiKeySecretRef = new SecretKeyReference { Name = "openai", Key = "api-key" };
        run.Spec.Gate.Spec.DefaultAssert =
        [
            new Assertion
            {
                Type = AssertionType.LlmRubric,
                Value = "polite",
                Provider = new ModelEndpointReference
                {
                    Url = "https://judge/v1", Model = "j", ApiKeySecretRef = new SecretKeyReference { Name = "judge", Key = "token" },
                },
            },
        ];
        ModelDeployment[] models =
        [
            Hosted("https://x", "openai", "api-key"),
            Hosted("https://y", "anthropic", "key"),
            new() { Spec = new() { Engine = InferenceEngine.Vllm } },
        ];

        var env = Assert.Single(EvaluationJobs.Job(run, 1, Settings, RunSecrets.Of(run, models)).Spec.Template.Spec.Containers).Env;

        Assert.Equal(
            [("anthropic", "key"), ("judge", "token"), ("openai", "api-key")],
            env.Select(e => (e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)));
        Assert.All(env, e => Assert.Equal(SecretKeyVariable.Of(e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key), e.Name));
        Assert.All(env, e => Assert.True(e.ValueFrom.SecretKeyRef.Optional));
        Assert.DoesNotContain(EvaluationJobs.ClusterRole("eval").Rules, r => r.Resources.Contains("secrets"));
    }

    private static ModelDeployment Hosted(string url, string secret, string key) => new()
    {
        Spec = new() { External = new() { BaseUrl = url, ApiKeySecretRef = new SecretKeyReference { Name = secret, Key = key } } },
    };

    [Fact]
    public void The_job_pulls_the_operators_image_with_the_operators_pull_secrets()
    {
        Assert.Null(Job().Spec.Template.Spec.ImagePullSecrets);

        var pod = EvaluationJobs.Job(Run(), 1, Settings with { ImagePullSecrets = ["registry-a", "registry-b"] }).Spec.Template.Spec;

        Assert.Equal(["registry-a", "registry-b"], pod.ImagePullSecrets.Select(s => s.Name));
    }

    [Fact]
    public void A_job_is_named_after_its_run_and_attempt_in_the_run_namespace()
    {
        var job = Job(attempt: 2);

        Assert.Equal("llama-0123456789-1-s0-quality-2", job.Metadata.Name);
        Assert.Equal("llama-0123456789-1-s0-quality-2", EvaluationJobs.Name(Run(), 2));
        Assert.Equal("ml", job.Metadata.NamespaceProperty);
        Assert.Equal(("batch/v1", "Job"), (job.ApiVersion, job.Kind));
    }

    [Fact]
    public void The_job_and_its_pods_are_labelled_managed_by_the_operator_and_with_their_run()
    {
        var job = Job();
        var expected = new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "llm-operator",
            ["llmoperator.io/evaluation-run"] = "llama-0123456789-1-s0-quality",
        };

        Assert.Equal(expected, job.Metadata.Labels);
        Assert.Equal(expected, job.Spec.Template.Metadata.Labels);
    }

    [Fact]
    public void The_job_gets_the_environment_the_operator_passes_on_in_name_order_and_none_without_it()
    {
        var settings = Settings with
        {
            Environment = new Dictionary<string, string>
            {
                ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=prod",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://otel-collector.observability:4317",
            },
        };

        var container = Assert.Single(EvaluationJobs.Job(Run(), 1, settings).Spec.Template.Spec.Containers);

        Assert.Equal(
            [("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317"), ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod")],
            container.Env.Select(e => (e.Name, e.Value)));
        Assert.Null(Assert.Single(Job().Spec.Template.Spec.Containers).Env);
    }

    [Fact]
    public void The_job_runs_llmop_eval_on_its_run_with_the_operator_image()
    {
        var container = Assert.Single(Job().Spec.Template.Spec.Containers);

        Assert.Equal(Image, container.Image);
        Assert.Null(container.Command);
        Assert.Equal(["eval", "--run", "ml/llama-0123456789-1-s0-quality", "--attempt", "1"], container.Args);
    }

    [Fact]
    public void The_job_runs_as_the_evaluation_service_account()
    {
        Assert.Equal("llmop-eval", Job().Spec.Template.Spec.ServiceAccountName);
    }

    [Fact]
    public void The_job_never_retries_by_itself()
    {
        var job = Job();

        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
    }

    [Fact]
    public void The_job_deadline_is_the_gate_timeout_plus_two_minutes()
    {
        var job = Job(Run(new ExecutionSettings { Timeout = "1h30m" }));

        Assert.Equal((90 + 2) * 60, job.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void Without_execution_settings_the_job_deadline_is_thirty_two_minutes()
    {
        Assert.Equal((30 + 2) * 60, Job(Run(execution: null)).Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void The_job_runs_under_the_restricted_pod_security_standard()
    {
        var pod = Job().Spec.Template.Spec;
        var container = Assert.Single(pod.Containers).SecurityContext;

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.RunAsNonRoot);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Equal("RuntimeDefault", container.SeccompProfile.Type);
    }

    [Fact]
    public void The_cluster_role_grants_exactly_what_an_evaluation_needs()
    {
        var role = EvaluationJobs.ClusterRole("llmop-eval");

        Assert.Equal(("ClusterRole", "llmop-eval"), (role.Kind, role.Metadata.Name));
        Assert.Equal(
            [
                "llmoperator.io evaluationruns: get",
                "llmoperator.io modeldeployments: get",
                "llmoperator.io promptversions: get,list",
                " configmaps: get,create,patch",
            ],
            role.Rules.Select(r => $"{string.Join(",", r.ApiGroups)} {string.Join(",", r.Resources)}: {string.Join(",", r.Verbs)}"));
        Assert.All(role.Rules, r => Assert.Null(r.ResourceNames));
    }

    [Fact]
    public void The_binding_gives_the_namespace_service_account_the_cluster_role()
    {
        var binding = EvaluationJobs.Binding("ml", "llm-operator-eval");

        Assert.Equal(("RoleBinding", "llmop-eval", "ml"), (binding.Kind, binding.Metadata.Name, binding.Metadata.NamespaceProperty));
        Assert.Equal(("rbac.authorization.k8s.io", "ClusterRole", "llm-operator-eval"), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", "llmop-eval", "ml"), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void The_service_account_lives_in_the_namespace_of_the_runs()
    {
        var account = EvaluationJobs.Account("ml");

        Assert.Equal(("ServiceAccount", "llmop-eval", "ml"), (account.Kind, account.Metadata.Name, account.Metadata.NamespaceProperty));
        Assert.Equal("llm-operator", account.Metadata.Labels["app.kubernetes.io/managed-by"]);
    }
}
