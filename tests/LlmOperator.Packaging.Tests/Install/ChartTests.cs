using System.Text.Json.Nodes;
using System.Xml.Linq;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.EvaluationRuns;
using LlmOperator.Controllers.ModelDeployments.Pipelines;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>charts/llm-operator with the real Helm 4: lint, the rendered install for default, HA and telemetry values, and the values schema.</summary>
public sealed class ChartTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("ci/ha-values.yaml")]
    [InlineData("ci/otel-values.yaml")]
    [InlineData("ci/openshift-values.yaml")]
    public async Task Helm_lint_passes_in_strict_mode(string? valuesFile)
    {
        var args = new List<string> { "lint", "--strict", Helm.Chart };
        if (valuesFile is not null)
        {
            args.AddRange(["-f", Path.Combine(Helm.Chart, valuesFile)]);
        }

        var lint = await Helm.RunAsync([.. args]);

        Assert.True(lint.ExitCode == 0, lint.Output + lint.Error);
        Assert.Contains("0 chart(s) failed", lint.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_crds_are_the_generated_crds_byte_for_byte()
    {
        var generated = Directory.GetFiles(RepositoryPaths.Combine("config", "crd", "bases"), "*.yaml")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        var chart = Directory.GetFiles(Path.Combine(Helm.Chart, "crds")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(generated, chart);
        Assert.Equal(4, chart.Count);
        foreach (var file in generated)
        {
            Assert.True(
                File.ReadAllBytes(RepositoryPaths.Combine("config", "crd", "bases", file!))
                    .AsSpan()
                    .SequenceEqual(File.ReadAllBytes(Path.Combine(Helm.Chart, "crds", file!))),
                $"charts/llm-operator/crds/{file} differs from config/crd/bases/{file}: copy it after make crds");
        }
    }

    [Fact]
    public void The_chart_and_the_readme_ask_for_the_kubernetes_version_the_crds_need()
    {
        // fieldPath in x-kubernetes-validations is served from Kubernetes 1.28 on; CEL rules alone from 1.25.
        var crds = Directory.GetFiles(RepositoryPaths.Combine("config", "crd", "bases"), "*.yaml").Select(File.ReadAllText).ToList();
        var chart = ArgoCd.YamlFile.ReadObject(Path.Combine(Helm.Chart, "Chart.yaml"));
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

        Assert.Contains(crds, c => c.Contains("fieldPath:", StringComparison.Ordinal));
        Assert.Equal(">=1.28.0-0", chart["kubeVersion"]!.GetValue<string>());
        Assert.Contains("The operator needs Kubernetes 1.28 or newer", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_app_version_is_the_version_of_the_code()
    {
        var version = XDocument.Load(RepositoryPaths.Combine("Directory.Build.props")).Descendants("Version").Single().Value;
        var chart = ArgoCd.YamlFile.ReadObject(Path.Combine(Helm.Chart, "Chart.yaml"));

        Assert.Equal(version, chart["appVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Default_values_install_one_operator_with_leader_election_probes_and_restricted_security()
    {
        var objects = await Helm.RenderAsync();

        Assert.Equal(
            [
                "ClusterRole/llm-operator",
                "ClusterRole/llm-operator-edit",
                "ClusterRole/llm-operator-eval",
                "ClusterRole/llm-operator-router",
                "ClusterRole/llm-operator-view",
                "ClusterRoleBinding/llm-operator",
                "CustomResourceDefinition/evaluationgates.llmoperator.io",
                "CustomResourceDefinition/evaluationruns.llmoperator.io",
                "CustomResourceDefinition/modeldeployments.llmoperator.io",
                "CustomResourceDefinition/promptversions.llmoperator.io",
                "Deployment/llm-operator",
                "Role/llm-operator-leader-election",
                "RoleBinding/llm-operator-leader-election",
                "ServiceAccount/llm-operator",
            ],
            objects.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").Order(StringComparer.Ordinal));
        var deployment = Manifests.Find(objects, "Deployment", "llm-operator");
        Assert.Equal(1, deployment["spec"]!["replicas"]!.GetValue<int>());
        var pod = deployment["spec"]!["template"]!["spec"]!;
        Assert.Equal("llm-operator", pod["serviceAccountName"]!.GetValue<string>());
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        var container = Manifests.OperatorContainer(deployment);
        Assert.Equal("ghcr.io/llmoperator/llmop:0.1.0", container["image"]!.GetValue<string>());
        // The chart's default evaluation limits are the operator's own.
        Assert.Equal(
            [
                "operator",
                "--health-port",
                "8081",
                "--max-concurrent-evaluations",
                ControllerOptions.DefaultMaxConcurrentEvaluations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--max-dependent-evaluations",
                ControllerOptions.DefaultMaxDependentEvaluations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--evaluation-cluster-role",
                new ControllerOptions().EvaluationClusterRole,
                "--router-cluster-role",
                new ControllerOptions().RouterClusterRole,
                "--leader-elect",
            ],
            Manifests.Args(container));
        var env = Manifests.Env(container);
        Assert.Equal(container["image"]!.GetValue<string>(), env["LLMOP_IMAGE"]);
        Assert.Equal("fieldRef:metadata.namespace", env["POD_NAMESPACE"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("OTEL_", StringComparison.Ordinal));
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(8081, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        var security = container["securityContext"]!;
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
    }

    [Fact]
    public async Task Ha_values_run_two_replicas_one_leader_spread_over_nodes_with_a_disruption_budget()
    {
        var objects = await Helm.RenderAsync("-f", Path.Combine(Helm.Chart, "ci", "ha-values.yaml"));

        var deployment = Manifests.Find(objects, "Deployment", "llm-operator");
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Contains("--leader-elect", Manifests.Args(Manifests.OperatorContainer(deployment)));
        Assert.NotNull(deployment["spec"]!["template"]!["spec"]!["affinity"]!["podAntiAffinity"]);
        Assert.Equal(1, Manifests.Find(objects, "PodDisruptionBudget", "llm-operator")["spec"]!["minAvailable"]!.GetValue<int>());
        Assert.Contains(objects, o => Manifests.Key(o) == "Role/llm-operator-system/llm-operator-leader-election");
    }

    [Fact]
    public async Task Without_leader_election_there_is_no_flag_and_no_lease_role()
    {
        var objects = await Helm.RenderAsync("--set", "leaderElection.enabled=false");

        Assert.DoesNotContain("--leader-elect", Manifests.Args(Manifests.OperatorContainer(Manifests.Find(objects, "Deployment", "llm-operator"))));
        Assert.DoesNotContain(objects, o => o["kind"]!.GetValue<string>() is "Role" or "RoleBinding");
    }

    [Fact]
    public async Task On_openshift_values_the_operator_pod_sets_no_uid_and_keeps_the_restricted_container()
    {
        var objects = await Helm.RenderAsync("-f", Path.Combine(Helm.Chart, "ci", "openshift-values.yaml"));
        var deployment = Manifests.Find(objects, "Deployment", "llm-operator");

        var pod = deployment["spec"]!["template"]!["spec"]!["securityContext"]!.AsObject();
        Assert.Equal(["runAsNonRoot", "seccompProfile"], pod.Select(p => p.Key).Order(StringComparer.Ordinal));
        var container = Manifests.OperatorContainer(deployment)["securityContext"]!;
        Assert.Equal((false, true), (container["allowPrivilegeEscalation"]!.GetValue<bool>(), container["readOnlyRootFilesystem"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task The_operator_may_update_the_finalizers_of_the_kinds_it_owns_objects_through()
    {
        // OwnerReferencesPermissionEnforcement: setting blockOwnerDeletion needs update on the owner's finalizers.
        var role = Manifests.Find(await Helm.RenderAsync(), "ClusterRole", "llm-operator");

        var rule = Assert.Single(
            role["rules"]!.AsArray(), r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>().EndsWith("/finalizers", StringComparison.Ordinal)));
        Assert.Equal(["update"], rule!["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(
            ["evaluationruns/finalizers", "modeldeployments/finalizers", "promptversions/finalizers"],
            rule["resources"]!.AsArray().Select(x => x!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_second_release_names_its_objects_and_the_cluster_roles_its_operator_binds_after_itself()
    {
        var objects = await Helm.RenderAsync("--set", "fullnameOverride=team-b-llm");

        var deployment = Manifests.Find(objects, "Deployment", "team-b-llm");
        var args = Manifests.Args(Manifests.OperatorContainer(deployment));
        Assert.Equal("team-b-llm-eval", args[args.ToList().IndexOf("--evaluation-cluster-role") + 1]);
        Assert.Equal("team-b-llm-router", args[args.ToList().IndexOf("--router-cluster-role") + 1]);
        Assert.Contains(objects, o => Manifests.Key(o) == "ClusterRole//team-b-llm-eval");
        Assert.Contains(objects, o => Manifests.Key(o) == "ClusterRole//team-b-llm-router");
        var bind = Manifests.Find(objects, "ClusterRole", "team-b-llm")["rules"]!.AsArray()
            .Single(r => r!["verbs"]![0]!.GetValue<string>() == "bind")!;
        Assert.Equal(["team-b-llm-eval", "team-b-llm-router"], bind["resourceNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        var renamed = Manifests.Find(await Helm.RenderAsync("--set", "nameOverride=releases"), "Deployment", "llm-operator-releases");
        Assert.Equal("releases", renamed["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_operator_pods_labels_do_not_change_with_the_chart_version_and_its_probes_are_values()
    {
        var objects = await Helm.RenderAsync("--set", "livenessProbe.initialDelaySeconds=120", "--set", "readinessProbe.failureThreshold=6");
        var deployment = Manifests.Find(objects, "Deployment", "llm-operator");

        var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Equal(
            ["app.kubernetes.io/component", "app.kubernetes.io/instance", "app.kubernetes.io/name", "app.kubernetes.io/part-of"],
            labels.Select(l => l.Key).Order(StringComparer.Ordinal));
        Assert.Equal("operator", deployment["metadata"]!["labels"]!["app.kubernetes.io/component"]!.GetValue<string>());
        var container = Manifests.OperatorContainer(deployment);
        Assert.Equal((120, "/healthz"), (container["livenessProbe"]!["initialDelaySeconds"]!.GetValue<int>(),
            container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>()));
        Assert.Equal(6, container["readinessProbe"]!["failureThreshold"]!.GetValue<int>());
    }

    [Fact]
    public async Task Watching_namespaces_grants_the_operators_rules_in_those_namespaces_only()
    {
        var cluster = Manifests.Find(await Helm.RenderAsync(), "ClusterRole", "llm-operator");
        var objects = await Helm.RenderAsync("--set", "watchNamespaces={team-a,team-b}");

        Assert.DoesNotContain(objects, o => Manifests.Key(o) is "ClusterRole//llm-operator" or "ClusterRoleBinding//llm-operator");
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            var role = objects.Single(o => Manifests.Key(o) == $"Role/{ns}/llm-operator");
            Assert.Equal(cluster["rules"]!.ToJsonString(), role["rules"]!.ToJsonString());
            var binding = objects.Single(o => Manifests.Key(o) == $"RoleBinding/{ns}/llm-operator");
            Assert.Equal(("Role", "llm-operator"), (binding["roleRef"]!["kind"]!.GetValue<string>(), binding["roleRef"]!["name"]!.GetValue<string>()));
            Assert.Equal("llm-operator-system", binding["subjects"]![0]!["namespace"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Users_may_read_rollouts_through_view_and_release_through_edit_unless_aggregation_is_off()
    {
        var objects = await Helm.RenderAsync();

        var view = Manifests.Find(objects, "ClusterRole", "llm-operator-view");
        Assert.Equal("true", view["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-view"]!.GetValue<string>());
        Assert.Equal(["get", "list", "watch"], view["rules"]![0]!["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        var edit = Manifests.Find(objects, "ClusterRole", "llm-operator-edit");
        Assert.Equal("true", edit["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-edit"]!.GetValue<string>());
        // llmop promote, abort and retry patch the status subresource.
        Assert.Contains(edit["rules"]!.AsArray(), r => r!["resources"]![0]!.GetValue<string>() == "modeldeployments/status"
            && r["verbs"]![0]!.GetValue<string>() == "patch");
        Assert.DoesNotContain(await Helm.RenderAsync("--set", "rbac.aggregate=false"), o => Manifests.Key(o) == "ClusterRole//llm-operator-view");
    }

    [Fact]
    public async Task Image_pull_secrets_are_the_operator_pods_and_handed_on_to_the_pods_that_run_its_image()
    {
        var objects = await Helm.RenderAsync("--set", "imagePullSecrets[0].name=registry-a", "--set", "imagePullSecrets[1].name=registry-b");

        var deployment = Manifests.Find(objects, "Deployment", "llm-operator");
        Assert.Equal(
            ["registry-a", "registry-b"],
            deployment["spec"]!["template"]!["spec"]!["imagePullSecrets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var args = Manifests.Args(Manifests.OperatorContainer(deployment));
        Assert.Equal(
            ["--image-pull-secret", "registry-a", "--image-pull-secret", "registry-b"],
            args.Select((a, i) => (a, i)).Where(p => p.a == "--image-pull-secret").SelectMany(p => new[] { p.a, args[p.i + 1] }));
    }

    [Theory]
    [InlineData("image.tag=1.2.3", "ghcr.io/llmoperator/llmop:1.2.3")]
    [InlineData("image.repository=registry.example/team/llmop", "registry.example/team/llmop:0.1.0")]
    [InlineData(
        "image.digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io/llmoperator/llmop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task The_image_is_configurable_and_the_operator_hands_it_to_its_jobs(string setting, string image)
    {
        var container = Manifests.OperatorContainer(Manifests.Find(await Helm.RenderAsync("--set", setting), "Deployment", "llm-operator"));

        Assert.Equal(image, container["image"]!.GetValue<string>());
        Assert.Equal(image, Manifests.Env(container)["LLMOP_IMAGE"]);
    }

    [Fact]
    public async Task Otel_settings_become_the_standard_otel_variables()
    {
        var objects = await Helm.RenderAsync("-f", Path.Combine(Helm.Chart, "ci", "otel-values.yaml"));

        var env = Manifests.Env(Manifests.OperatorContainer(Manifests.Find(objects, "Deployment", "llm-operator")));
        Assert.Equal("http://otel-collector.observability:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("llm-operator", env["OTEL_SERVICE_NAME"]);
        Assert.Equal("deployment.environment=test", env["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Fact]
    public async Task The_service_monitor_is_off_by_default_and_selects_the_operator_when_on()
    {
        Assert.DoesNotContain(await Helm.RenderAsync(), o => o["kind"]!.GetValue<string>() == "ServiceMonitor");

        var objects = await Helm.RenderAsync("-f", Path.Combine(Helm.Chart, "ci", "otel-values.yaml"));
        var monitor = Manifests.Find(objects, "ServiceMonitor", "llm-operator");
        var service = Manifests.Find(objects, "Service", "llm-operator-metrics");
        var deployment = Manifests.Find(objects, "Deployment", "llm-operator");

        Assert.Equal("prometheus", monitor["metadata"]!["labels"]!["release"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(deployment["spec"]!["selector"]!["matchLabels"], monitor["spec"]!["selector"]!["matchLabels"]));
        Assert.True(JsonNode.DeepEquals(deployment["spec"]!["selector"]!["matchLabels"], service["spec"]!["selector"]));
        Assert.Equal("health", monitor["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
        Assert.Equal(Kubernetes.Hosting.OperatorHost.MetricsPath, monitor["spec"]!["endpoints"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_model_pod_monitor_is_off_by_default_and_labels_series_as_the_sample_scrape_job_does()
    {
        Assert.DoesNotContain(await Helm.RenderAsync(), o => o["kind"]!.GetValue<string>() == "PodMonitor");

        var monitor = Manifests.Find(await Helm.RenderAsync("-f", Path.Combine(Helm.Chart, "ci", "otel-values.yaml")), "PodMonitor", "llm-operator-models");
        var spec = monitor["spec"]!;
        var endpoint = spec["podMetricsEndpoints"]![0]!;
        // The sandbox's Prometheus (and a Prometheus without the operator) relabels with the same pairs, and keeps the same pods.
        var job = ArgoCd.YamlFile.ReadObject(RepositoryPaths.Combine("config", "prometheus", "sandbox.yml"))["scrape_configs"]![0]!;
        var relabel = job["relabel_configs"]!.AsArray().OfType<JsonObject>().ToList();

        Assert.Equal(["team-a"], spec["namespaceSelector"]!["matchNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(WellKnownLabels.ManagedByOperator, spec["selector"]!["matchLabels"]![WellKnownLabels.ManagedBy]!.GetValue<string>());
        Assert.Equal(WellKnownLabels.Revision, spec["selector"]!["matchExpressions"]![0]!["key"]!.GetValue<string>());
        Assert.Equal("http", endpoint["port"]!.GetValue<string>());
        foreach (var rule in endpoint["relabelings"]!.AsArray())
        {
            Assert.Contains(relabel, r => r["target_label"]?.GetValue<string>() == rule!["targetLabel"]!.GetValue<string>()
                && JsonNode.DeepEquals(r["source_labels"], rule["sourceLabels"]));
        }

        Assert.Equal(
            [Evaluation.Live.MetricContext.ModelLabel, Evaluation.Live.MetricContext.RevisionLabel],
            endpoint["relabelings"]!.AsArray().Select(r => r!["targetLabel"]!.GetValue<string>()));
        Assert.Contains(relabel, r => r["action"]?.GetValue<string>() == "keep"
            && r["source_labels"]![0]!.GetValue<string>() == "__meta_kubernetes_pod_label_app_kubernetes_io_managed_by"
            && r["regex"]!.GetValue<string>() == WellKnownLabels.ManagedByOperator);
    }

    [Fact]
    public async Task The_web_dashboard_is_off_by_default_and_when_on_runs_llmop_dashboard_read_only_under_its_own_account()
    {
        Assert.DoesNotContain(await Helm.RenderAsync(), o => o["metadata"]!["name"]!.GetValue<string>() == "llm-operator-dashboard");
        var unnamed = await Helm.TemplateAsync("--set", "dashboard.enabled=true");
        Assert.NotEqual(0, unnamed.ExitCode);
        Assert.Contains("/dashboard/namespace", unnamed.Error, StringComparison.Ordinal);

        var objects = await Helm.RenderAsync("--set", "dashboard.enabled=true", "--set", "dashboard.namespace=team-a");
        var dashboard = Manifests.Find(objects, "Deployment", "llm-operator-dashboard");
        var container = dashboard["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var role = Manifests.Find(objects, "ClusterRole", "llm-operator-dashboard");
        var binding = Manifests.Find(objects, "RoleBinding", "llm-operator-dashboard");
        var service = Manifests.Find(objects, "Service", "llm-operator-dashboard");
        var podLabels = dashboard["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var operatorSelector = Manifests.Find(objects, "Deployment", "llm-operator")["spec"]!["selector"]!["matchLabels"]!.AsObject();

        // The CLI's own command, without actions, as its own ServiceAccount, bound in the one namespace it shows.
        Assert.Equal(["dashboard", "--namespace", "team-a", "--address", "0.0.0.0", "--port", "3100"], Manifests.Args(container.AsObject()));
        Assert.Equal("llm-operator-dashboard", dashboard["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
        Assert.Equal(3100, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal(
            ["get", "list", "watch"],
            role["rules"]!.AsArray().SelectMany(r => r!["verbs"]!.AsArray().Select(v => v!.GetValue<string>())).Distinct().Order());
        Assert.Equal("team-a", binding["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("llm-operator-dashboard", binding["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("llm-operator-dashboard", binding["subjects"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(80, service["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        Assert.All(service["spec"]!["selector"]!.AsObject(), l => Assert.Equal(l.Value!.GetValue<string>(), podLabels[l.Key]!.GetValue<string>()));
        // The operator's selectors (its Deployment, Service, PodDisruptionBudget) never pick the dashboard's pod.
        Assert.Contains(operatorSelector, l => podLabels[l.Key]?.GetValue<string>() != l.Value!.GetValue<string>());
    }

    [Fact]
    public async Task The_grafana_dashboard_is_off_by_default_and_when_on_is_the_repositorys_dashboard_labelled_for_the_sidecar()
    {
        Assert.DoesNotContain(await Helm.RenderAsync(), o => o["kind"]!.GetValue<string>() == "ConfigMap");

        var labelled = Manifests.Find(
            await Helm.RenderAsync("-f", Path.Combine(Helm.Chart, "ci", "otel-values.yaml")), "ConfigMap", "llm-operator-grafana-dashboard");
        var elsewhere = Manifests.Find(
            await Helm.RenderAsync(
                "--set", "grafanaDashboard.enabled=true", "--set", "grafanaDashboard.labelName=example.com/dashboard",
                "--set", "grafanaDashboard.labelValue=llm", "--set", "grafanaDashboard.namespace=monitoring"),
            "ConfigMap",
            "llm-operator-grafana-dashboard");

        Assert.Equal("1", labelled["metadata"]!["labels"]!["grafana_dashboard"]!.GetValue<string>());
        Assert.Equal("LLM", labelled["metadata"]!["annotations"]!["grafana_folder"]!.GetValue<string>());
        var json = labelled["data"]!["llm-operator.json"]!.GetValue<string>();
        Assert.Equal(File.ReadAllText(Path.Combine(Helm.Chart, "dashboards", "llm-operator.json")).TrimEnd(), json);
        Assert.Equal("llm-operator", JsonNode.Parse(json)!["uid"]!.GetValue<string>());
        Assert.Equal("llm", elsewhere["metadata"]!["labels"]!["example.com/dashboard"]!.GetValue<string>());
        Assert.Null(elsewhere["metadata"]!["labels"]!["grafana_dashboard"]);
        Assert.Equal("monitoring", elsewhere["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watched_namespaces_the_health_port_and_the_evaluation_limit_become_flags_and_the_probe_follows_the_port()
    {
        var container = Manifests.OperatorContainer(Manifests.Find(
            await Helm.RenderAsync("--set", "watchNamespaces={team-a,team-b}", "--set", "healthPort=9440", "--set", "evaluations.maxConcurrent=5",
                "--set", "evaluations.maxDependent=2", "--set", "adapterHubEndpoint=https://hub.mirror.internal"),
            "Deployment",
            "llm-operator"));

        Assert.Equal(
            [
                "operator", "--health-port", "9440", "--max-concurrent-evaluations", "5", "--max-dependent-evaluations", "2",
                "--evaluation-cluster-role", "llm-operator-eval", "--router-cluster-role", "llm-operator-router",
                "--adapter-hub-endpoint", "https://hub.mirror.internal", "--leader-elect", "--namespace", "team-a", "--namespace", "team-b",
            ],
            Manifests.Args(container));
        Assert.Equal(9440, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal("health", container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("replicas=0", "/replicas")]
    [InlineData("replicas=two", "/replicas")]
    [InlineData("replicas=2,leaderElection.enabled=false", "/leaderElection/enabled")]
    [InlineData("replica=2", "'replica' not allowed")]
    [InlineData("otel.protocol=udp", "/otel/protocol")]
    [InlineData("otel.endpoint=collector:4317", "/otel/endpoint")]
    [InlineData("healthPort=70000", "/healthPort")]
    [InlineData("image.tag=bad tag", "/image/tag")]
    [InlineData("image.pullPolicy=Sometimes", "/image/pullPolicy")]
    [InlineData("resources.limits.memory=lots", "/resources/limits/memory")]
    [InlineData("watchNamespaces={Team_A}", "/watchNamespaces/0")]
    [InlineData("serviceMonitor.interval=often", "/serviceMonitor/interval")]
    [InlineData("grafanaDashboard.labelName=grafana dashboard", "/grafanaDashboard/labelName")]
    [InlineData("dashboard.enabled=true,dashboard.namespace=Team_A", "/dashboard/namespace")]
    public async Task Bad_values_are_rejected_naming_the_field(string setting, string field)
    {
        var template = await Helm.TemplateAsync("--set", setting);

        Assert.NotEqual(0, template.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", template.Error, StringComparison.Ordinal);
        Assert.Contains(field, template.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_evaluation_cluster_role_is_the_one_the_operator_binds_with_the_rules_it_declares()
    {
        var name = new ControllerOptions().EvaluationClusterRole;
        var role = Manifests.Find(await Helm.RenderAsync(), "ClusterRole", name);
        var declared = EvaluationJobs.ClusterRole(name).Rules
            .Select(r => $"{r.ApiGroups.Single()}|{string.Join(',', r.Resources)}|{string.Join(',', r.Verbs)}");

        Assert.Equal(declared, role["rules"]!.AsArray().Select(Rule));
    }

    [Fact]
    public async Task The_router_cluster_role_is_the_one_the_operator_binds_with_the_rules_it_declares()
    {
        var name = new ControllerOptions().RouterClusterRole;
        var role = Manifests.Find(await Helm.RenderAsync(), "ClusterRole", name);
        var declared = RouterPods.ClusterRole(name).Rules
            .Select(r => $"{r.ApiGroups.Single()}|{string.Join(',', r.Resources)}|{string.Join(',', r.Verbs)}");

        Assert.Equal(["|configmaps|get", "llmoperator.io|modeldeployments|get"], declared);
        Assert.Equal(declared, role["rules"]!.AsArray().Select(Rule));
    }

    [Fact]
    public async Task The_default_image_is_the_one_this_build_of_llmop_names_itself()
    {
        var container = Manifests.OperatorContainer(Manifests.Find(await Helm.RenderAsync(), "Deployment", "llm-operator"));

        Assert.Equal(ControllerOptions.DefaultImage, container["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_operator_may_bind_the_evaluation_role_but_holds_no_secret_access()
    {
        var rules = Manifests.Find(await Helm.RenderAsync(), "ClusterRole", "llm-operator")["rules"]!.AsArray();

        var bind = rules.Single(r => r!["verbs"]!.AsArray().Any(v => v!.GetValue<string>() == "bind"))!;
        Assert.Equal(["llm-operator-eval", "llm-operator-router"], bind["resourceNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["clusterroles"], bind["resources"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain(rules, r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() is "secrets" or "*"));
        Assert.DoesNotContain(rules, r => r!["verbs"]!.AsArray().Any(x => x!.GetValue<string>() is "*" or "escalate" or "impersonate"));
    }

    private static string Rule(JsonNode? rule) =>
        $"{rule!["apiGroups"]!.AsArray().Single()}|{string.Join(',', rule["resources"]!.AsArray())}|{string.Join(',', rule["verbs"]!.AsArray())}";
}
