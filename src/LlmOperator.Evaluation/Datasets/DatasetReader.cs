using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.Json;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Json;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;

namespace LlmOperator.Evaluation.Datasets;

/// <summary>
/// Reads evaluation cases from a gate's inline list or from JSONL (a file or a ConfigMap key): one JSON
/// case per line, checked with the same schema the CRD gives inline cases, with the line of every error.
/// </summary>
public sealed class DatasetReader(DatasetLimits limits)
{
    private static readonly Lazy<StructuralSchema> CaseSchema = new(() =>
        KindSchemaSet.LlmOperator.Find($"{ApiGroup.Name}/{ApiGroup.Version}", "EvaluationGate")!.Schema
            .Properties["spec"].Properties["dataset"].Properties["cases"].Items!);

    private readonly SchemaValidator _validator = new(new CelRuleEvaluator());

    /// <summary>Checks inline cases; their hash is the SHA-256 of the cases serialised as JSON.</summary>
    public LoadedDataset ReadInline(IReadOnlyList<EvaluationCase> cases, string? expectedSha256, string source = "dataset.cases")
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count > limits.MaxCases)
        {
            throw new DatasetException(source, null, $"{cases.Count} cases, more than the limit of {limits.MaxCases}");
        }

        var duplicate = cases.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DatasetException(source, null, $"case id \"{duplicate.Key}\" is used {duplicate.Count()} times; ids must be unique");
        }

        var hash = Hash(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(cases, EvaluationJson.Options)));
        CheckHash(source, hash, expectedSha256);
        return new LoadedDataset(cases, hash, source);
    }

    /// <summary>Reads JSONL text, for example a ConfigMap value.</summary>
    public LoadedDataset ReadJsonl(string content, string source, string? expectedSha256)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = Encoding.UTF8.GetByteCount(content);
        if (bytes > limits.MaxBytes)
        {
            throw new DatasetException(source, null, TooLarge(bytes));
        }

        return Parse(Encoding.UTF8.GetBytes(content), source, expectedSha256);
    }

    /// <summary>Reads a JSONL file; a file over the size limit is refused without being read.</summary>
    public async Task<LoadedDataset> ReadJsonlFileAsync(string path, string? expectedSha256, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DatasetException(path, null, "no such file");
        }

        if (info.Length > limits.MaxBytes)
        {
            throw new DatasetException(path, null, TooLarge(info.Length));
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, path, expectedSha256);
    }

    private LoadedDataset Parse(byte[] bytes, string source, string? expectedSha256)
    {
        var hash = Hash(bytes);
        CheckHash(source, hash, expectedSha256);
        var cases = new List<EvaluationCase>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true));
        var lineNumber = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (line.Length > limits.MaxLineLength)
                {
                    throw new DatasetException(source, lineNumber, $"line is {line.Length} characters, longer than the limit of {limits.MaxLineLength}");
                }

                if (cases.Count == limits.MaxCases)
                {
                    throw new DatasetException(source, lineNumber, $"more than the limit of {limits.MaxCases} cases");
                }

                var evaluationCase = ParseCase(line, source, lineNumber);
                if (!firstLineOfId.TryAdd(evaluationCase.Id, lineNumber))
                {
                    throw new DatasetException(
                        source,
                        lineNumber,
                        $"case id \"{evaluationCase.Id}\" is already used on line {firstLineOfId[evaluationCase.Id]}; ids must be unique");
                }

                cases.Add(evaluationCase);
            }
        }
        catch (DecoderFallbackException)
        {
            throw new DatasetException(source, lineNumber + 1, "not valid UTF-8");
        }

        if (cases.Count == 0)
        {
            throw new DatasetException(source, null, "no cases: the dataset is empty");
        }

        return new LoadedDataset(cases, hash, source);
    }

    private EvaluationCase ParseCase(string line, string source, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DatasetException(source, lineNumber, $"not valid JSON: {JsonProblem(e)}");
        }

        if (node is not JsonObject obj)
        {
            throw new DatasetException(source, lineNumber, $"a case must be a JSON object, not {JsonKinds.TypeName(node)}");
        }

        SchemaDefaulter.Apply(obj, CaseSchema.Value);
        var errors = _validator.ValidateResource(obj, null, CaseSchema.Value);
        if (errors.Count > 0)
        {
            throw new DatasetException(source, lineNumber, string.Join("; ", errors.Select(e => e.ToString())));
        }

        return KubernetesJson.Deserialize<EvaluationCase>(obj, EvaluationJson.Options);
    }

    private static void CheckHash(string source, string actual, string? expected)
    {
        if (expected is not null && !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new DatasetException(source, null, $"SHA-256 is {actual}, but the gate pins {expected}: the dataset changed");
        }
    }

    private string TooLarge(long bytes) =>
        $"dataset is {ManifestLoader.Mebibytes(bytes)}, larger than the {ManifestLoader.Mebibytes(limits.MaxBytes)} limit; it was not read";

    // System.Text.Json reports "LineNumber: 0 | BytePositionInLine: 7." for a single line; the column is what helps.
    private static string JsonProblem(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        var text = (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
        return e.BytePositionInLine is { } column ? $"{text} (at column {column + 1})" : text;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
