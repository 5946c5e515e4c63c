using System.Formats.Tar;
using System.IO.Compression;

namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>
/// Extracts an adapter's archive (tar, gzip-compressed tar or zip, told apart by their first bytes, so that a URL's
/// query does not matter) into a directory, refusing what could write outside it: absolute names, .. segments,
/// links of any kind and special files. Every byte written counts against the version's budget.
/// </summary>
internal static class AdapterArchive
{
    /// <summary>Extracts <paramref name="archive"/> into <paramref name="directory"/>, which exists and is empty.</summary>
    public static async Task ExtractAsync(string archive, string directory, ByteBudget budget, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await using (var file = File.OpenRead(archive))
        {
            _ = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (header is [0x50, 0x4B, 0x03, 0x04])
            {
                await ExtractZipAsync(archive, directory, budget, cancellationToken).ConfigureAwait(false);
                return;
            }

            var file = File.OpenRead(archive);
            await using (file.ConfigureAwait(false))
            {
                var gzip = header is [0x1F, 0x8B, ..];
                var content = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
                await using (content.ConfigureAwait(false))
                {
                    await ExtractTarAsync(content, directory, budget, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new AdapterFetchException($"the archive is not a readable .tar.gz, .tgz, .tar or .zip: {e.Message}", refused: true, e);
        }
    }

    private static async Task ExtractTarAsync(Stream content, string directory, ByteBudget budget, CancellationToken cancellationToken)
    {
        var reader = new TarReader(content);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var path = PathIn(directory, entry.Name);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(path);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        await WriteAsync(entry.DataStream ?? Stream.Null, path, budget, cancellationToken).ConfigureAwait(false);
                        break;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                        throw new AdapterFetchException(
                            $"the archive holds a link ({entry.Name} -> {entry.LinkName}), which the loader refuses", refused: true);
                    default:
                        throw new AdapterFetchException(
                            $"the archive holds {entry.Name}, of type {entry.EntryType}, which is not a file or directory", refused: true);
                }
            }
        }
    }

    private static async Task ExtractZipAsync(string archive, string directory, ByteBudget budget, CancellationToken cancellationToken)
    {
        const int TypeMask = 0xF000;
        const int SymbolicLink = 0xA000;
        var zip = await ZipFile.OpenReadAsync(archive, cancellationToken).ConfigureAwait(false);
        await using (zip.ConfigureAwait(false))
        {
            foreach (var entry in zip.Entries)
            {
                var path = PathIn(directory, entry.FullName);
                if (((entry.ExternalAttributes >> 16) & TypeMask) == SymbolicLink)
                {
                    throw new AdapterFetchException($"the archive holds a link ({entry.FullName}), which the loader refuses", refused: true);
                }

                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(path);
                    continue;
                }

                var data = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (data.ConfigureAwait(false))
                {
                    await WriteAsync(data, path, budget, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The full path of <paramref name="name"/> (an entry's or a Hub file's name) inside <paramref name="directory"/>, or a refusal.</summary>
    public static string PathIn(string directory, string name)
    {
        var segments = name.Split('/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
            || segments.Any(s => s == ".."))
        {
            throw new AdapterFetchException($"'{name}' would be written outside the adapter's directory", refused: true);
        }

        var root = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(root, Path.Combine([.. segments.Where(s => s.Length > 0 && s != ".")])));
        return path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new AdapterFetchException($"'{name}' would be written outside the adapter's directory", refused: true);
    }

    /// <summary>Writes <paramref name="data"/> to a new file at <paramref name="path"/>, creating its directory.</summary>
    public static async Task WriteAsync(Stream data, string path, ByteBudget budget, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await budget.CopyAsync(data, file, cancellationToken).ConfigureAwait(false);
        }
    }
}
