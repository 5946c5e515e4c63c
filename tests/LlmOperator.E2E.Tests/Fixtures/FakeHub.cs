using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LlmOperator.Evaluation.MockLlm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// A Hugging Face Hub on plain HTTP on 127.0.0.1 (pods reach it directly: NO_PROXY names 127.0.0.1) that holds one LoRA
/// adapter repository, acme/sql-lora, at the revisions a test adds, each answering in mock-llm at its own quality. It
/// answers as the Hub's API does for huggingface_hub: GET /api/models/{repo}/revision/{revision} lists siblings[].rfilename,
/// GET /{repo}/resolve/{revision}/{file} serves a file, and a revision it does not have is a 404.
/// </summary>
public sealed class FakeHub : IAsyncDisposable
{
    /// <summary>The repository's id.</summary>
    public const string Repository = "acme/sql-lora";

    private readonly Dictionary<string, double> _revisions = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>The Hub's endpoint (HF_ENDPOINT).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Adds a revision of the repository whose adapter answers at <paramref name="quality"/>.</summary>
    public void Add(string revision, double quality)
    {
        lock (_revisions)
        {
            _revisions[revision] = quality;
        }
    }

    /// <summary>Starts the Hub on a free port.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet($"/api/models/{Repository}/revision/{{revision}}", (string revision) => Quality(revision) is null
            ? Results.NotFound(new JsonObject { ["error"] = $"Invalid rev id: {revision}" })
            : Results.Json(new JsonObject
            {
                ["id"] = Repository,
                ["siblings"] = new JsonArray(
                    new JsonObject { ["rfilename"] = "adapter_config.json" }, new JsonObject { ["rfilename"] = MockLoraOptions.QualityFile }),
            }));
        _app.MapGet($"/{Repository}/resolve/{{revision}}/{{file}}", (string revision, string file) => (Quality(revision), file) switch
        {
            (null, _) => Results.NotFound(),
            (_, "adapter_config.json") => Results.Text("""{"peft_type":"LORA","r":8,"lora_alpha":16,"target_modules":["q_proj","v_proj"]}"""),
            ({ } quality, MockLoraOptions.QualityFile) => Results.Text(quality.ToString(CultureInfo.InvariantCulture)),
            _ => Results.NotFound(),
        });
        await _app.StartAsync();
        Endpoint = MockLlmServer.Address(_app).ToString().TrimEnd('/');
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private double? Quality(string revision)
    {
        lock (_revisions)
        {
            return _revisions.TryGetValue(revision, out var quality) ? quality : null;
        }
    }
}
