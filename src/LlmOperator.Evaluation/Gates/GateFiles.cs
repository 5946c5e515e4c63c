using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.Json;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Json;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;

namespace LlmOperator.Evaluation.Gates;

/// <summary>
/// A gate and what it refers to, read from manifest files for <c>llmop eval --config</c>: the files are
/// validated with the CRDs' schemas first, then the EvaluationGate, PromptVersions and ConfigMaps in them
/// serve the run. ModelDeployments named by providers map to URLs given on the command line.
/// </summary>
public sealed class GateFiles : IPlanSources
{
    private readonly IReadOnlyList<PromptVersion> _prompts;
    private readonly IReadOnlyDictionary<string, V1ConfigMap> _configMaps;
    private readonly IReadOnlyDictionary<string, string> _providerUrls;

    private GateFiles(
        EvaluationGate gate,
        IReadOnlyList<PromptVersion> prompts,
        IReadOnlyDictionary<string, V1ConfigMap> configMaps,
        IReadOnlyList<ModelDeployment> models,
        IReadOnlyDictionary<string, string> providerUrls)
    {
        Gate = gate;
        _prompts = prompts;
        _configMaps = configMaps;
        Models = models;
        _providerUrls = providerUrls;
    }

    /// <summary>The gate to run.</summary>
    public EvaluationGate Gate { get; }

    /// <summary>The ModelDeployments in the files: pipelines to judge, and hosted components they call.</summary>
    public IReadOnlyList<ModelDeployment> Models { get; }

    /// <summary>
    /// Reads and validates the files. Throws <see cref="EvaluationConfigurationException"/> listing every
    /// validation error as file:line, or when the files hold no gate or several without <paramref name="gateName"/>.
    /// </summary>
    public static GateFiles Load(IReadOnlyList<string> paths, string? gateName, IReadOnlyDictionary<string, string> providerUrls)
    {
        ArgumentNullException.ThrowIfNull(paths);
        IReadOnlyList<ManifestFile> files;
        try
        {
            files = [.. ManifestLoader.Expand(paths).Select(ManifestLoader.Read)];
        }
        catch (FileNotFoundException e)
        {
            throw new EvaluationConfigurationException(e.Message, e);
        }

        StartupTrace.Mark("gate files read (YAML)");

        // Each object must be valid; what the gate and a pipeline refer to is resolved below, where
        // --provider and --override name what these files do not define.
        var report = new ManifestValidator(KindSchemaSet.LlmOperator, crossReferences: false).Validate(files);
        if (!report.IsValid)
        {
            var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
            throw new EvaluationConfigurationException("the gate files are not valid:\n" + string.Join("\n", errors));
        }

        StartupTrace.Mark("gate files validated with the CRD schemas");

        // The validator applied the CRD defaults to the documents in place, so they deserialise complete.
        var objects = files.SelectMany(f => f.Content!.Documents).Select(d => d.Root).OfType<JsonObject>().ToList();
        var gates = Objects<EvaluationGate>(objects, ApiGroup.Name + "/" + ApiGroup.Version, "EvaluationGate");
        var prompts = Objects<PromptVersion>(objects, ApiGroup.Name + "/" + ApiGroup.Version, "PromptVersion");
        var models = Objects<ModelDeployment>(objects, ApiGroup.Name + "/" + ApiGroup.Version, "ModelDeployment");
        var configMaps = Objects<V1ConfigMap>(objects, "v1", "ConfigMap").Where(c => c.Metadata?.Name is not null)
            .GroupBy(c => c.Metadata.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var gate = gateName is null
            ? gates.Count == 1 ? gates[0] : throw new EvaluationConfigurationException(gates.Count == 0
                ? $"no EvaluationGate in {string.Join(", ", paths)}"
                : $"{gates.Count} EvaluationGates in the files ({string.Join(", ", gates.Select(g => g.Metadata.Name))}); choose one with --gate")
            : gates.FirstOrDefault(g => g.Metadata.Name == gateName)
                ?? throw new EvaluationConfigurationException($"no EvaluationGate named \"{gateName}\" in the files");
        StartupTrace.Mark("gate files deserialised");
        return new GateFiles(gate, prompts, configMaps, models, providerUrls);
    }

    /// <inheritdoc />
    public Task<string> ReadConfigMapAsync(string name, string key, CancellationToken cancellationToken) =>
        _configMaps.TryGetValue(name, out var configMap)
            ? configMap.Data?.TryGetValue(key, out var text) == true
                ? Task.FromResult(text)
                : throw new EvaluationConfigurationException($"ConfigMap \"{name}\" in the files has no key \"{key}\"")
            : throw new EvaluationConfigurationException($"the dataset is in ConfigMap \"{name}\", which is not in the files; add its manifest with --config");

    /// <inheritdoc />
    public Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken) => Task.FromResult(_prompts);

    /// <summary>
    /// A ModelDeployment's endpoint: the URL given for it on the command line, else the hosted endpoint of
    /// an engine external ModelDeployment in the files; any other lives only in a cluster.
    /// </summary>
    public Task<ResolvedModel> ResolveAsync(string modelDeployment, CancellationToken cancellationToken)
    {
        if (_providerUrls.TryGetValue(modelDeployment, out var url))
        {
            return Task.FromResult(new ResolvedModel(url, null, null));
        }

        var hosted = Models.FirstOrDefault(m => m.Metadata?.Name == modelDeployment && m.Spec.External is not null);
        return hosted is not null
            ? Task.FromResult(new ResolvedModel(hosted.Spec.External!.BaseUrl, hosted.Spec.Model.ServedName ?? hosted.Spec.Model.Name, null))
            : throw new AssertionConfigurationException(
                $"ModelDeployment \"{modelDeployment}\" can only be reached in a cluster; map it to a URL with --provider {modelDeployment}=URL " +
                $"(or --override {modelDeployment}=URL for a pipeline's component)");
    }

    /// <inheritdoc />
    public Task<ApiKey> ReadSecretAsync(SecretKeyReference secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        throw new AssertionConfigurationException(
            $"apiKeySecretRef {secret.Name}/{secret.Key} can only be read in a cluster; outside one, providers use --api-key-env");
    }

    private static List<T> Objects<T>(List<JsonObject> objects, string apiVersion, string kind) =>
        [.. objects.Where(o => JsonKinds.IsString(o["apiVersion"])
                && (string)o["apiVersion"]! == apiVersion
                && JsonKinds.IsString(o["kind"])
                && (string)o["kind"]! == kind)
            .Select(o => KubernetesJson.Deserialize<T>(o, EvaluationJson.Options))];
}
