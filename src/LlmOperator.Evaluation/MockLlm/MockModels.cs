using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// The models mock-llm serves: its base model and, with LoRA on, the adapters loaded at runtime, each answering
/// at its own quality. An adapter's quality comes from its lora_path: for a source the mock engine passes as it is, a
/// <c>quality</c> query parameter (https://example.com/sql-v2?quality=0.5) makes a worse adapter; for a local directory
/// (what the adapter loader fetched), which must hold adapter_config.json as vLLM requires, the number in its
/// <c>mock-quality</c> file does. Without either it answers as the base model. With LoRA on, a model name it does not serve is refused as vLLM
/// refuses it; without, any name is answered, as before.
/// </summary>
internal sealed class MockModels(IOptions<MockLlmOptions> options)
{
    private const string ConfigFile = "adapter_config.json";

    private readonly ConcurrentDictionary<string, MockAdapter> _adapters = new(StringComparer.Ordinal);

    /// <summary>The base model's name.</summary>
    public string Base => options.Value.Model;

    /// <summary>What answers requests for <paramref name="model"/>: the base model (null quality), an adapter, or nothing.</summary>
    public bool TryServe(string? model, out MockAdapter? adapter)
    {
        adapter = null;
        return options.Value.Lora is null || model == Base || (model is not null && _adapters.TryGetValue(model, out adapter));
    }

    /// <summary>Loads an adapter under <paramref name="name"/>; false when the name is taken, unless <paramref name="inPlace"/> replaces it.</summary>
    public bool Load(string name, string path, bool inPlace)
    {
        var adapter = new MockAdapter(name, path, Quality(path));
        if (!inPlace)
        {
            return _adapters.TryAdd(name, adapter);
        }

        _adapters[name] = adapter;
        return true;
    }

    /// <summary>
    /// Whether there is an adapter at <paramref name="path"/>: a local directory (an absolute path) must hold
    /// adapter_config.json, as vLLM requires; any other path (a URL, a repository id) is taken as it is.
    /// </summary>
    public static bool Found(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return !path.StartsWith('/') || File.Exists(Path.Combine(path, ConfigFile));
    }

    /// <summary>Unloads the adapter under <paramref name="name"/>; false when none is loaded under it.</summary>
    public bool Unload(string name) => _adapters.TryRemove(name, out _);

    /// <summary>The /v1/models list: the base model, then the adapters with their parent and root, as vLLM lists them.</summary>
    public JsonObject List()
    {
        var data = new JsonArray(new JsonObject
        {
            ["id"] = Base,
            ["object"] = "model",
            ["created"] = 0,
            ["owned_by"] = "llmop",
            ["root"] = Base,
            ["parent"] = null,
        });
        foreach (var adapter in _adapters.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            data.Add(new JsonObject
            {
                ["id"] = adapter.Name,
                ["object"] = "model",
                ["created"] = 0,
                ["owned_by"] = "llmop",
                ["root"] = adapter.Path,
                ["parent"] = Base,
            });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data };
    }

    // The number in a local directory's mock-quality file, or the quality=Q query parameter of the path, when Q is from 0 to 1.
    private static double? Quality(string path)
    {
        if (path.StartsWith('/'))
        {
            var file = Path.Combine(path, MockLoraOptions.QualityFile);
            return File.Exists(file) && double.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var q)
                && q is >= 0 and <= 1 ? q : null;
        }

        var query = path.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? path[(at + 1)..] : "";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? (pair[..eq], pair[(eq + 1)..]) : (pair, "");
            if (key == "quality" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var quality) && quality is >= 0 and <= 1)
            {
                return quality;
            }
        }

        return null;
    }
}
