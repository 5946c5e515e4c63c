using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>
/// The adapter versions in the loader's directory, one directory per version. A version asked for is fetched once,
/// in the background, into a hidden scratch directory, then renamed into place, so that a version's directory is
/// either complete or absent (also after a crash: scratch directories are removed at start). A failure is kept until
/// it is reported once; the next request for the version fetches it again.
/// </summary>
internal sealed partial class AdapterStore : IDisposable
{
    private const string ScratchPrefix = ".fetch-";

    /// <summary>The file vLLM reads an adapter's configuration from (peft's adapter_config.json): a directory without it is no adapter.</summary>
    public const string ConfigFile = "adapter_config.json";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task> _fetching = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdapterFetchException> _failed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _discarded = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly AdapterFetcher _fetcher;
    private readonly AdapterLoaderOptions _options;
    private readonly ILogger<AdapterStore> _logger;

    /// <summary>Creates the store over the options' directory, removing what an interrupted fetch left.</summary>
    public AdapterStore(AdapterFetcher fetcher, IOptions<AdapterLoaderOptions> options, ILogger<AdapterStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fetcher = fetcher;
        _options = options.Value;
        _logger = logger;
        Directory.CreateDirectory(_options.Directory);
        foreach (var scratch in Directory.EnumerateDirectories(_options.Directory, ScratchPrefix + "*"))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Whether <paramref name="version"/> can name a directory: a lowercase DNS label, as the operator's revisions are.</summary>
    public static bool IsVersion(string version) => VersionPattern().IsMatch(version);

    /// <summary>Where <paramref name="version"/> stands, starting its fetch when it is neither on disk nor being fetched.</summary>
    public AdapterVersionState Request(string version, AdapterFetchRequest request)
    {
        var path = Path.Combine(_options.Directory, version);
        lock (_lock)
        {
            if (_fetching.ContainsKey(version))
            {
                // Asked for again: what a delete meanwhile asked for no longer holds.
                _discarded.Remove(version);
                return AdapterVersionState.Fetching;
            }

            if (_failed.Remove(version, out var failure))
            {
                return new AdapterVersionState(null, failure.Message, failure.Refused);
            }

            if (Directory.Exists(path))
            {
                return new AdapterVersionState(path, null, false);
            }

            _fetching[version] = Task.Run(() => FetchAsync(version, request, path));
            return AdapterVersionState.Fetching;
        }
    }

    /// <summary>Removes <paramref name="version"/> from disk; false while it is being fetched: it is removed when its fetch ends.</summary>
    public bool Delete(string version)
    {
        lock (_lock)
        {
            if (_fetching.ContainsKey(version))
            {
                _discarded.Add(version);
                return false;
            }

            _failed.Remove(version);
            var path = Path.Combine(_options.Directory, version);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
                LogDeleted(_logger, version);
            }

            return true;
        }
    }

    /// <summary>Waits for the fetches under way (for tests and a clean stop).</summary>
    public Task IdleAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_fetching.Values);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task FetchAsync(string version, AdapterFetchRequest request, string path)
    {
        var scratch = Path.Combine(_options.Directory, ScratchPrefix + version + "-" + Guid.NewGuid().ToString("N")[..8]);
        var content = Path.Combine(scratch, "content");
        AdapterFetchException? failure = null;
        LogFetching(_logger, version, request.Source, request.Revision);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            deadline.CancelAfter(_options.FetchTimeout);
            Directory.CreateDirectory(content);
            try
            {
                await _fetcher.FetchAsync(request, content, Path.Combine(scratch, "archive"), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!_stopping.IsCancellationRequested)
            {
                throw new AdapterFetchException($"fetching took longer than {_options.FetchTimeout}", refused: false, e);
            }

            var adapter = Unwrapped(content);
            if (!File.Exists(Path.Combine(adapter, ConfigFile)))
            {
                throw new AdapterFetchException(
                    $"{Described(request)} holds no {ConfigFile} (at its top, or in its single top-level directory): it is not a LoRA adapter", refused: true);
            }

            // A rename within one directory: the version appears whole or not at all.
            Directory.Move(adapter, path);
            LogFetched(_logger, version, path);
        }
        catch (AdapterFetchException e)
        {
            failure = new AdapterFetchException($"could not fetch {Described(request)}: {e.Message}", e.Refused, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = new AdapterFetchException($"could not fetch {Described(request)}: {e.Message}", refused: false, e);
        }
        catch (OperationCanceledException)
        {
            // The loader stops.
        }
        finally
        {
            TryDelete(scratch);
            lock (_lock)
            {
                _fetching.Remove(version);
                if (_discarded.Remove(version))
                {
                    failure = null;
                    TryDelete(path);
                    LogDeleted(_logger, version);
                }

                if (failure is not null)
                {
                    _failed[version] = failure;
                    LogFailed(_logger, version, failure.Message);
                }
            }
        }
    }

    // An archive of the adapter's directory itself holds a single top-level directory: the adapter is in it.
    private static string Unwrapped(string content) =>
        !File.Exists(Path.Combine(content, ConfigFile)) && Directory.GetFiles(content).Length == 0 && Directory.GetDirectories(content) is [var single]
            ? single
            : content;

    private static string Described(AdapterFetchRequest request) => request.Revision is null ? request.Source : $"{request.Source} at {request.Revision}";

    private void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException e)
        {
            LogScratchLeft(_logger, directory, e.Message);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex VersionPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetching adapter version {Version} from {Source} at {Revision}")]
    private static partial void LogFetching(ILogger logger, string version, string source, string? revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adapter version {Version} is in {Path}")]
    private static partial void LogFetched(ILogger logger, string version, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adapter version {Version} failed: {Message}")]
    private static partial void LogFailed(ILogger logger, string version, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adapter version {Version} deleted")]
    private static partial void LogDeleted(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove {Directory}: {Message}")]
    private static partial void LogScratchLeft(ILogger logger, string directory, string message);
}
