using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.AdapterLoader;
using LlmOperator.Evaluation.MockLlm;
using LlmOperator.Evaluation.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Evaluation.Tests.AdapterLoader;

/// <summary>
/// llmop adapter-loader through its HTTP API, fetching from a real HTTPS server (its certificate trusted through the
/// handler the loader is given): archives of an adapter's directory, and a Hugging Face Hub's API as huggingface_hub
/// reads it (hf_api.model_info: GET /api/models/{repo}/revision/{revision} with siblings[].rfilename; file_download:
/// GET /{repo}/resolve/{revision}/{file}, with the token as a bearer token).
/// </summary>
public sealed class AdapterLoaderTests : IAsyncLifetime
{
    private const string Config = """{"peft_type":"LORA","r":8,"base_model_name_or_path":"meta-llama/Llama-3.1-8B-Instruct"}""";

    private static readonly HttpClient Http = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("llmop-loader-test-");
    private AdapterSourceServer _source = null!;
    private WebApplication _loader = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _source = await AdapterSourceServer.StartAsync();
        await StartLoaderAsync(AdapterLoaderOptions.DefaultMaxBytes);
    }

    public async Task DisposeAsync()
    {
        await StopLoaderAsync();
        await _source.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_tar_gz_archive_is_fetched_in_the_background_and_its_single_top_level_directory_unwrapped()
    {
        _source.Serve("/sql/v1.tar.gz?quality=1", TarGz(("sql-v1/adapter_config.json", Config), ("sql-v1/adapter_model.safetensors", "weights")));

        var first = await PutAsync($"{_source.Url}/sql/v1.tar.gz?quality=1");
        await IdleAsync();
        var second = await PutAsync($"{_source.Url}/sql/v1.tar.gz?quality=1");

        Assert.Equal((HttpStatusCode.Accepted, "fetching"), (first.Status, first.Body["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var path = second.Body["path"]!.GetValue<string>();
        Assert.Equal(Path.Combine(_directory.FullName, Version($"{_source.Url}/sql/v1.tar.gz?quality=1")), path);
        Assert.Equal(Config, File.ReadAllText(Path.Combine(path, "adapter_config.json")));
        Assert.Equal("weights", File.ReadAllText(Path.Combine(path, "adapter_model.safetensors")));
        Assert.Equal([Version($"{_source.Url}/sql/v1.tar.gz?quality=1")], Directory.GetFileSystemEntries(_directory.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_tar_made_with_its_entries_under_dot_slash_is_fetched_as_it_is()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "./"));
            writer.WriteEntry(
                new UstarTarEntry(TarEntryType.RegularFile, "./adapter_config.json") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Config)) });
        }

        _source.Serve("/sql/dot.tar", buffer.ToArray());

        var answered = await FetchAsync($"{_source.Url}/sql/dot.tar");

        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal(Config, File.ReadAllText(Path.Combine(answered.Body["path"]!.GetValue<string>(), "adapter_config.json")));
    }

    [Fact]
    public async Task A_zip_archive_of_the_adapter_s_files_is_fetched_as_it_is()
    {
        _source.Serve("/sql/v2.zip", Zip(("adapter_config.json", Config), ("nested/tokenizer.json", "{}")));

        var answered = await FetchAsync($"{_source.Url}/sql/v2.zip");

        Assert.Equal(HttpStatusCode.OK, answered.Status);
        var path = answered.Body["path"]!.GetValue<string>();
        Assert.Equal("{}", File.ReadAllText(Path.Combine(path, "nested", "tokenizer.json")));
    }

    [Fact]
    public async Task A_hugging_face_revision_is_listed_and_each_file_downloaded_at_that_revision_with_the_token()
    {
        // A branch name with a slash is one segment, quoted as huggingface_hub quotes it.
        _source.Serve(
            "/api/models/acme/sql-lora/revision/refs%2Fpr%2F1",
            Encoding.UTF8.GetBytes(
                """{"id":"acme/sql-lora","sha":"abc","siblings":[{"rfilename":"adapter_config.json"},{"rfilename":"dir/adapter model.bin"}]}"""));
        _source.Serve("/acme/sql-lora/resolve/refs%2Fpr%2F1/adapter_config.json", Encoding.UTF8.GetBytes(Config));
        _source.Serve("/acme/sql-lora/resolve/refs%2Fpr%2F1/dir/adapter%20model.bin", Encoding.UTF8.GetBytes("weights"));

        var answered = await FetchAsync("hf://acme/sql-lora", "refs/pr/1");

        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(answered.Body["path"]!.GetValue<string>(), "dir", "adapter model.bin")));
        Assert.Equal(3, _source.Requests.Count);
        Assert.All(_source.Requests, r => Assert.Equal("Bearer hf_test_token", r.Authorization));
    }

    [Fact]
    public async Task A_revision_the_hub_does_not_have_is_refused_with_its_status_and_a_new_request_fetches_again()
    {
        var answered = await FetchAsync("hf://acme/sql-lora", "v9");
        var again = await PutAsync("hf://acme/sql-lora", "v9");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answered.Status);
        Assert.Equal(
            $"could not fetch hf://acme/sql-lora at v9: {_source.Url}/api/models/acme/sql-lora/revision/v9 answered 404 NotFound",
            answered.Body["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
    }

    [Fact]
    public async Task A_source_that_fails_is_a_bad_gateway_that_may_pass_later()
    {
        _source.Serve("/sql/v3.tgz", "overloaded"u8.ToArray(), 503);

        var answered = await FetchAsync($"{_source.Url}/sql/v3.tgz");

        Assert.Equal(HttpStatusCode.BadGateway, answered.Status);
        Assert.EndsWith("/sql/v3.tgz answered 503 ServiceUnavailable", answered.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escaped.txt")]
    [InlineData("/etc/escaped.txt")]
    [InlineData("adapter/../../escaped.txt")]
    public async Task An_archive_entry_outside_the_directory_is_refused(string name)
    {
        _source.Serve("/evil.tar", Tar(("adapter_config.json", Config), (name, "x")));

        var answered = await FetchAsync($"{_source.Url}/evil.tar");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answered.Status);
        Assert.Contains($"'{name}' would be written outside the adapter's directory", answered.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_directory.FullName)!, "escaped.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(_directory.FullName));
    }

    [Fact]
    public async Task A_zip_entry_outside_the_directory_is_refused()
    {
        _source.Serve("/evil.zip", Zip(("adapter_config.json", Config), ("../escaped.txt", "x")));

        var answered = await FetchAsync($"{_source.Url}/evil.zip");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answered.Status);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.FullName));
    }

    [Fact]
    public async Task A_link_in_an_archive_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "adapter_config.json") { LinkName = "/etc/passwd" });
        }

        _source.Serve("/link.tar", buffer.ToArray());

        var answered = await FetchAsync($"{_source.Url}/link.tar");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answered.Status);
        Assert.Contains("holds a link (adapter_config.json -> /etc/passwd)", answered.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archive_without_adapter_config_json_is_not_an_adapter()
    {
        _source.Serve("/model.tar.gz", TarGz(("model/config.json", "{}"), ("model/model.safetensors", "weights")));

        var answered = await FetchAsync($"{_source.Url}/model.tar.gz");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answered.Status);
        Assert.Equal(
            $"could not fetch {_source.Url}/model.tar.gz: {_source.Url}/model.tar.gz holds no adapter_config.json (at its top, or in its single "
                + "top-level directory): it is not a LoRA adapter",
            answered.Body["message"]!.GetValue<string>());
        Assert.Empty(Directory.GetFileSystemEntries(_directory.FullName));
    }

    [Fact]
    public async Task A_version_larger_than_the_limit_is_refused_when_extracted()
    {
        await StopLoaderAsync();
        await StartLoaderAsync(maxBytes: 4096);
        // Compressed it is small; extracted it is not: the limit counts what is written.
        _source.Serve("/big.tar.gz", TarGz(("adapter_config.json", Config), ("adapter_model.safetensors", new string('0', 100_000))));

        var answered = await FetchAsync($"{_source.Url}/big.tar.gz");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answered.Status);
        Assert.EndsWith("the adapter is larger than the limit of 4096 bytes", answered.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.FullName));
    }

    [Fact]
    public async Task Requests_for_a_version_being_fetched_wait_for_the_one_fetch()
    {
        _source.Serve("/sql/v4.tar", Tar(("adapter_config.json", Config)));
        _source.Held = "/sql/v4.tar";

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PutAsync($"{_source.Url}/sql/v4.tar")));
        _source.Release.SetResult();
        var done = await FetchAsync($"{_source.Url}/sql/v4.tar");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Single(_source.Requests);
    }

    [Fact]
    public async Task A_deleted_version_is_removed_from_disk_and_fetched_again_when_asked_for()
    {
        _source.Serve("/sql/v5.tar", Tar(("adapter_config.json", Config)));
        var fetched = await FetchAsync($"{_source.Url}/sql/v5.tar");

        using var deleted = await Http.DeleteAsync($"{_url}/adapters/{Version($"{_source.Url}/sql/v5.tar")}");
        var again = await PutAsync($"{_source.Url}/sql/v5.tar");

        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_directory.FullName, Version($"{_source.Url}/sql/v5.tar"))));
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
    }

    [Fact]
    public async Task A_version_deleted_while_it_is_fetched_is_removed_when_the_fetch_ends()
    {
        _source.Serve("/sql/v6.tar", Tar(("adapter_config.json", Config)));
        _source.Held = "/sql/v6.tar";
        await PutAsync($"{_source.Url}/sql/v6.tar");

        using var deleted = await Http.DeleteAsync($"{_url}/adapters/{Version($"{_source.Url}/sql/v6.tar")}");
        _source.Release.SetResult();
        await IdleAsync();

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.FullName));
    }

    [Theory]
    [InlineData("-leading")]
    [InlineData("UPPER")]
    [InlineData("a.b")]
    public async Task A_version_that_is_not_a_plain_name_is_refused(string version)
    {
        var answered = await PutAtAsync(Uri.EscapeDataString(version), $"{_source.Url}/sql/v1.tar");

        Assert.Equal(HttpStatusCode.BadRequest, answered.Status);
    }

    [Fact]
    public async Task A_version_named_after_another_source_is_refused_and_nothing_is_fetched()
    {
        _source.Serve("/sql/v7.tar", Tar(("adapter_config.json", Config)));
        var theirs = Version($"{_source.Url}/sql/v1.tar");

        var answered = await PutAtAsync(theirs, $"{_source.Url}/sql/v7.tar");
        var pinned = await PutAtAsync(Version($"{_source.Url}/sql/v7.tar"), $"{_source.Url}/sql/v7.tar", "v2");

        Assert.Equal(HttpStatusCode.Conflict, answered.Status);
        var message = answered.Body["message"]!.GetValue<string>();
        Assert.Contains($"version {theirs} is not the version of {_source.Url}/sql/v7.tar", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, pinned.Status);
        Assert.Empty(_source.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.FullName));
    }

    [Fact]
    public async Task The_health_endpoint_answers()
    {
        Assert.Equal("ok", await Http.GetStringAsync($"{_url}/healthz"));
    }

    private async Task StartLoaderAsync(long maxBytes)
    {
        _loader = AdapterLoaderServer.Build(
            new AdapterLoaderOptions
            {
                Port = 0,
                Directory = _directory.FullName,
                HubEndpoint = _source.Url,
                HubToken = "hf_test_token",
                MaxBytes = maxBytes,
            },
            handler: _source.TrustingHandler());
        await _loader.StartAsync();
        _url = MockLlmServer.Address(_loader).ToString().TrimEnd('/');
    }

    private async Task StopLoaderAsync()
    {
        await _loader.StopAsync();
        await _loader.DisposeAsync();
    }

    private Task IdleAsync() => _loader.Services.GetRequiredService<AdapterStore>().IdleAsync();

    // The answer once the fetch the first request starts is over.
    private async Task<(HttpStatusCode Status, JsonObject Body)> FetchAsync(string source, string? revision = null)
    {
        await PutAsync(source, revision);
        await IdleAsync();
        return await PutAsync(source, revision);
    }

    // A PUT of the version the operator would ask for: the one named by its source and revision.
    private Task<(HttpStatusCode Status, JsonObject Body)> PutAsync(string source, string? revision = null) =>
        PutAtAsync(Version(source, revision), source, revision);

    private async Task<(HttpStatusCode Status, JsonObject Body)> PutAtAsync(string version, string source, string? revision = null)
    {
        using var response = await Http.PutAsJsonAsync($"{_url}/adapters/{version}", new JsonObject { ["source"] = source, ["revision"] = revision });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject());
    }

    private static string Version(string source, string? revision = null) => AdapterVersion.NameOf(source, revision);

    private static byte[] Tar(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        WriteTar(buffer, files);
        return buffer.ToArray();
    }

    private static byte[] TarGz(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            WriteTar(gzip, files);
        }

        return buffer.ToArray();
    }

    private static void WriteTar(Stream stream, (string Name, string Content)[] files)
    {
        using var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (name, content) in files)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
        }
    }

    private static byte[] Zip(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }
}
