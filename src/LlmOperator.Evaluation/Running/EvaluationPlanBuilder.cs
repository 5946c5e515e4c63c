using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Pipelines;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>
/// Resolves a run before anything is sent: reads and checks the dataset, picks and compiles the prompt
/// versions, finds the models. Every problem is an <see cref="EvaluationConfigurationException"/> that
/// says what and where.
/// </summary>
public sealed class EvaluationPlanBuilder(ModelClientFactory factory, DatasetReader datasets, TimeProvider? time = null)
{
    /// <summary>Builds the plan.</summary>
    public async Task<EvaluationPlan> BuildAsync(PlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gate = request.Gate;
        var dataset = await ReadDatasetAsync(gate.Dataset, request.Sources, request.DatasetFile, cancellationToken).ConfigureAwait(false);
        var prompts = gate.PromptRef is { } promptRef
            ? (await request.Sources.ListPromptVersionsAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Spec.PromptName == promptRef.Name).ToList()
            : null;
        var settings = Settings(gate.Execution ?? new ExecutionSettings());
        var candidate = await EndpointAsync(request.Candidate, request.Sources, gate, prompts, settings, cancellationToken).ConfigureAwait(false);
        var compares = (gate.Comparison ?? new ComparisonPolicy()).Baseline == BaselinePolicy.Stable;
        var baseline = compares && request.Baseline is { } b
            ? await EndpointAsync(b, request.Sources, gate, prompts, settings, cancellationToken).ConfigureAwait(false)
            : null;
        var providers = new ModelProviders(factory, settings, request.Sources, request.DefaultGrader);
        var release = compares && baseline is null ? request.Release : null;
        var live = LivePlanBuilder.Build(gate, request.Context, request.Candidate, factory, settings);
        return new EvaluationPlan(request.Name, request.GateName, gate, dataset, candidate, baseline, providers, request.Seed, release, live);
    }

    // The CRD checks the durations' form; a gate that reached us some other way gets the same answer.
    private ClientSettings Settings(ExecutionSettings execution)
    {
        try
        {
            _ = GoDuration.Parse(execution.Timeout);
            return factory.Settings(execution);
        }
        catch (FormatException e)
        {
            throw new EvaluationConfigurationException($"execution: {e.Message}", e);
        }
    }

    private async Task<LoadedDataset> ReadDatasetAsync(Dataset? dataset, IPlanSources sources, string? file, CancellationToken cancellationToken)
    {
        try
        {
            if (file is not null)
            {
                return await datasets.ReadJsonlFileAsync(file, dataset?.Sha256, cancellationToken).ConfigureAwait(false);
            }

            if (dataset is null)
            {
                return new LoadedDataset([], "", "no dataset");
            }

            if (dataset.ConfigMapRef is { } reference)
            {
                var text = await sources.ReadConfigMapAsync(reference.Name, reference.Key, cancellationToken).ConfigureAwait(false);
                return datasets.ReadJsonl(text, $"configmap/{reference.Name} key {reference.Key}", dataset.Sha256);
            }

            return datasets.ReadInline(dataset.Cases ?? [], dataset.Sha256);
        }
        catch (DatasetException e)
        {
            throw new EvaluationConfigurationException($"the dataset cannot be used: {e.Message}", e);
        }
    }

    private async Task<EndpointPlan> EndpointAsync(
        EndpointRequest request,
        IPlanSources sources,
        EvaluationGateSpec gate,
        List<PromptVersion>? prompts,
        ClientSettings settings,
        CancellationToken cancellationToken)
    {
        PromptTemplate? prompt = null;
        if (prompts is not null)
        {
            var name = gate.PromptRef!.Name;
            // Of two objects with the same version, the one the operator did not reject as a duplicate.
            var version = request.PromptVersion ?? (prompts.Count > 0 ? prompts.Max(p => p.Spec.Version) : 0);
            var chosen = PromptVersionPrecedence.Original(prompts.Where(p => p.Spec.Version == version))
                ?? throw new EvaluationConfigurationException(request.PromptVersion is { } wanted
                    ? $"the {request.Role} needs version {wanted} of prompt \"{name}\", and there is no such PromptVersion"
                    : $"the gate renders cases with prompt \"{name}\", and there is no PromptVersion of it");
            try
            {
                prompt = PromptTemplate.FromPromptVersion(chosen.Spec);
            }
            catch (TemplateException e)
            {
                throw new EvaluationConfigurationException(e.Message, e);
            }
        }

        if (request.Pipeline is { } pipeline)
        {
            var target = await PipelineAsync(pipeline, sources, settings, cancellationToken).ConfigureAwait(false);
            return new EndpointPlan(request.Role, target, prompt, request.Description);
        }

        string model;
        try
        {
            model = request.Model
                ?? await factory.FirstModelAsync(request.Url, request.ApiKey, settings.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException e)
        {
            throw new EvaluationConfigurationException($"the {request.Role}'s model is not named and cannot be listed: {e.Message}", e);
        }

        ModelEndpoint endpoint;
        try
        {
            endpoint = new ModelEndpoint(request.Url, model, request.ApiKey, request.Pricing ?? gate.Execution?.Pricing);
        }
        catch (ArgumentException e)
        {
            throw new EvaluationConfigurationException($"the {request.Role}'s URL is not usable: {e.Message}", e);
        }

        return new EndpointPlan(request.Role, new ModelTarget(factory.Create(endpoint, settings)), prompt, request.Description);
    }

    private async Task<PipelineTarget> PipelineAsync(
        PipelineUnderTest pipeline, IPlanSources sources, ClientSettings settings, CancellationToken cancellationToken)
    {
        CompiledPipeline compiled;
        var inline = new Dictionary<string, CompiledPipeline>(StringComparer.Ordinal);
        var clock = time ?? TimeProvider.System;
        var prompts = new SourcePrompts(sources, pipeline.PromptVersions);
        var components = new ResolvedComponents(sources, pipeline.Overrides, factory, settings);
        IComponentClient client;
        try
        {
            compiled = PipelineCompiler.Compile(pipeline.Spec);
            foreach (var (name, spec) in pipeline.Inline)
            {
                inline[name] = Compile(name, spec);
            }

            client = inline.Count == 0 ? components : new InlinePipelines(inline, components, prompts, clock);
        }
        catch (PipelineDefinitionException e)
        {
            throw new EvaluationConfigurationException($"pipeline {pipeline.Name} cannot run: {e.Message}", e);
        }

        var called = compiled.ModelRefs.Concat(inline.Values.SelectMany(p => p.ModelRefs)).Distinct(StringComparer.Ordinal).Where(m => !inline.ContainsKey(m));
        await components.ResolveAsync(called, cancellationToken).ConfigureAwait(false);
        return new PipelineTarget(pipeline.Name, new PipelineExecutor(compiled, client, prompts, clock), clock);
    }

    // A pipeline inside the one under test: its errors name it.
    private static CompiledPipeline Compile(string name, PipelineSpec spec)
    {
        try
        {
            return PipelineCompiler.Compile(spec);
        }
        catch (PipelineDefinitionException e)
        {
            throw new PipelineDefinitionException([.. e.Errors.Select(error => $"inline pipeline {name}: {error}")]);
        }
    }
}
