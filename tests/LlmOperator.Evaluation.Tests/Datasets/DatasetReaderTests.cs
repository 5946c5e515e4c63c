using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Manifests.Validation;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.Datasets;

public class DatasetReaderTests
{
    private static readonly DatasetReader Reader = new(DatasetLimits.Default);

    [Fact]
    public void The_sample_ConfigMap_dataset_reads_and_matches_its_pinned_sha256()
    {
        var documents = ManifestLoader.Read(RepositoryPaths.Combine("config", "samples", "gates", "evaluationgate-support-regression.yaml")).Content!.Documents;
        var jsonl = documents[0].Root!["data"]!["cases.jsonl"]!.GetValue<string>();
        var pinned = documents[1].Root!["spec"]!["dataset"]!["sha256"]!.GetValue<string>();

        var dataset = Reader.ReadJsonl(jsonl, "configmap/support-regression-cases key cases.jsonl", pinned);

        Assert.Equal(6, dataset.Cases.Count);
        Assert.Equal(pinned, dataset.Sha256);
        Assert.Equal("delete-account", dataset.Cases[1].Id);
        Assert.True(dataset.Cases[1].Critical);
        Assert.Equal(AssertionType.ContainsAll, dataset.Cases[1].Assert![0].Type);
        Assert.Equal(1.0, dataset.Cases[1].Assert![0].Weight);
    }

    [Fact]
    public void A_changed_dataset_is_refused_by_its_pinned_hash()
    {
        var error = Assert.Throws<DatasetException>(() => Reader.ReadJsonl("{\"id\":\"a\"}\n", "cases.jsonl", new string('0', 64)));

        Assert.Equal($"cases.jsonl: SHA-256 is {Hash("{\"id\":\"a\"}\n")}, but the gate pins {new string('0', 64)}: the dataset changed", error.Message);
    }

    [Theory]
    [InlineData("{\"id\":\"a\"}\n{\"id\":\"b\",\n", 2, "not valid JSON: ")]
    [InlineData("{\"id\":\"a\"}\n\n[1,2]\n", 3, "a case must be a JSON object, not array")]
    [InlineData(
        "{\"id\":\"a\",\"assert\":[{\"type\":\"containz\",\"value\":\"x\"}]}\n", 1, "assert[0].type: Unsupported value: \"containz\": supported values: ")]
    [InlineData("{\"vars\":{\"q\":\"x\"}}\n", 1, "id: Required value")]
    [InlineData(
        "{\"id\":\"a\",\"vars\":{\"q\":\"x\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n",
        1,
        ": Invalid value: \"object\": a case has vars (rendered through the prompt) or messages, not both")]
    [InlineData("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"a\"}\n", 3, "case id \"a\" is already used on line 1; ids must be unique")]
    [InlineData("{\"id\":\"a\",\"asert\":[]}\n", 1, "asert: Unknown field")]
    public void Malformed_lines_are_reported_with_their_line_number(string jsonl, int line, string problem)
    {
        var error = Assert.Throws<DatasetException>(() => Reader.ReadJsonl(jsonl, "cases.jsonl", null));

        Assert.Equal(line, error.Line);
        Assert.StartsWith(problem, error.Problem);
        Assert.StartsWith($"cases.jsonl:{line}: ", error.Message);
    }

    [Fact]
    public void An_empty_dataset_is_refused() =>
        Assert.Equal(
            "cases.jsonl: no cases: the dataset is empty",
            Assert.Throws<DatasetException>(() => Reader.ReadJsonl("\n  \n", "cases.jsonl", null)).Message);

    [Fact]
    public void Limits_on_cases_and_line_length_are_enforced()
    {
        var small = new DatasetReader(new DatasetLimits { MaxCases = 2, MaxLineLength = 40 });

        Assert.Equal(
            "cases.jsonl:3: more than the limit of 2 cases",
            Assert.Throws<DatasetException>(() => small.ReadJsonl("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n", "cases.jsonl", null)).Message);
        var longLine = "{\"id\":\"" + new string('x', 50) + "\"}";
        Assert.Equal(
            "cases.jsonl:1: line is 59 characters, longer than the limit of 40",
            Assert.Throws<DatasetException>(() => small.ReadJsonl(longLine, "cases.jsonl", null)).Message);
    }

    [Fact]
    public async Task A_1_GB_dataset_is_refused_by_its_limit_without_being_read()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "huge.jsonl");
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.SetLength(1L << 30);
        }

        var error = await Assert.ThrowsAsync<DatasetException>(() => Reader.ReadJsonlFileAsync(path, null, CancellationToken.None));

        Assert.Equal($"{path}: dataset is 1024.0 MiB, larger than the 64.0 MiB limit; it was not read", error.Message);
        Assert.Null(error.Line);
    }

    [Fact]
    public async Task A_dataset_file_reads_like_configmap_text()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("cases.jsonl", "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"expected\":\"hello\"}\n");

        var dataset = await Reader.ReadJsonlFileAsync(path, null, CancellationToken.None);

        Assert.Equal("hello", dataset.Cases[0].Expected!.GetValue<string>());
        Assert.Equal(MessageRole.User, dataset.Cases[0].Messages![0].Role);
        Assert.Equal(
            "no such file",
            (await Assert.ThrowsAsync<DatasetException>(() =>
                Reader.ReadJsonlFileAsync(Path.Combine(folder.Path, "missing.jsonl"), null, CancellationToken.None))).Problem);
    }

    [Fact]
    public void Inline_cases_must_have_unique_ids()
    {
        var error = Assert.Throws<DatasetException>(() => Reader.ReadInline([new EvaluationCase { Id = "a" }, new EvaluationCase { Id = "a" }], null));

        Assert.Equal("dataset.cases: case id \"a\" is used 2 times; ids must be unique", error.Message);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
