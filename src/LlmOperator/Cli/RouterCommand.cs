using System.CommandLine;
using System.Text.Json;
using k8s.Exceptions;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Router;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop router</c>: serves a pipeline (engine pipeline) behind an OpenAI-compatible endpoint. The
/// operator runs it in each pipeline revision's pods with the revision's configuration in
/// LLMOP_ROUTER_CONFIG; prompts are read from their published ConfigMaps through the cluster's API.
/// </summary>
internal static class RouterCommand
{
    /// <summary>The environment variable that holds the configuration in a router pod.</summary>
    public const string ConfigVariable = "LLMOP_ROUTER_CONFIG";

    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = $"The router configuration file (default: the JSON in ${ConfigVariable})." };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on; 0 picks a free one.", DefaultValueFactory = _ => 8000 };
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "0.0.0.0" };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Kubeconfig for reading prompts outside a cluster (default: in-cluster, else ~/.kube/config).",
        };
        var command = new Command("router", "Serve a pipeline ModelDeployment behind an OpenAI-compatible endpoint.") { config, port, host, kubeconfig };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new RouterOptions { Port = parsed.GetValue(port), Host = parsed.GetValue(host)! };
            return await RunAsync(options, parsed.GetValue(config), parsed.GetValue(kubeconfig), parsed.InvocationConfiguration, cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        RouterOptions options, string? file, string? kubeconfig, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        try
        {
            var text = file is not null ? await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)
                : Environment.GetEnvironmentVariable(ConfigVariable)
                    ?? throw new ArgumentException($"give --config FILE or the configuration in ${ConfigVariable}");
            var configuration = RouterConfiguration.Parse(text);
            using var telemetry = TelemetryExport.StartIfConfigured("llmop-router");
            using var cluster = Cluster(kubeconfig);
            var app = RouterServer.Build(
                options,
                configuration,
                sp => Prompts(configuration, cluster, options, sp.GetRequiredService<TimeProvider>()),
                cluster is null ? null : new ResourceClient<ModelDeployment>(cluster),
                logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            await PodServerRun.RunAsync(
                app,
                address => $"llmop router listening on {address} (model {configuration.ServedModel}, "
                    + $"pipeline {configuration.Namespace}/{configuration.Name}, revision {configuration.Revision})",
                console,
                cancellationToken).ConfigureAwait(false);

            return LlmopCommand.Success;
        }
        catch (Exception e) when (e is PipelineDefinitionException or JsonException or ArgumentException or IOException or OptionsValidationException)
        {
            await console.Error.WriteLineAsync($"llmop router: {e.Message}").ConfigureAwait(false);
            return LlmopCommand.Failure;
        }
    }

    // In a pod, or given a kubeconfig, the router follows its components and reads prompts in the cluster;
    // started by hand with none, it calls its components where the configuration says.
    private static k8s.Kubernetes? Cluster(string? kubeconfig)
    {
        try
        {
            return ClusterConfiguration.Connect(ClusterConfiguration.Load(kubeconfig), "llmop-router");
        }
        catch (KubeConfigException) when (kubeconfig is null)
        {
            return null;
        }
    }

    // A pipeline that renders no prompt needs no cluster; one that does reads them where the operator publishes them.
    private static IPromptSource Prompts(RouterConfiguration configuration, k8s.Kubernetes? cluster, RouterOptions options, TimeProvider time)
    {
        if (PipelineReferences.Of(configuration.Pipeline).PromptNames.Count == 0)
        {
            return NoPrompts.Instance;
        }

        return cluster is null
            ? throw new ArgumentException("the pipeline renders prompts, which are read in the cluster: give --kubeconfig or run the router in a pod")
            : new PublishedPromptSource(new ResourceClient<V1ConfigMap>(cluster), configuration.Namespace, options.PromptRefresh, time);
    }

}
