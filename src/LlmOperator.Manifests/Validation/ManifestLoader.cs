using System.Globalization;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Manifests.Validation;

/// <summary>Finds and reads the YAML files under the paths a user names.</summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>
    /// The YAML files named or found under folders (recursively, skipping hidden folders), in a
    /// stable order. Throws <see cref="FileNotFoundException"/> for a path that does not exist.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(FilesUnder(path).Order(StringComparer.Ordinal));
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {path}", path);
            }
        }

        return files;
    }

    /// <summary>Reads one file, refusing files larger than <see cref="ManifestLimits.MaxFileBytes"/> without reading them.</summary>
    public static ManifestFile Read(string path)
    {
        var size = new FileInfo(path).Length;
        if (size > ManifestLimits.MaxFileBytes)
        {
            return new ManifestFile(path, null, $"file is {Mebibytes(size)}, larger than the {Mebibytes(ManifestLimits.MaxFileBytes)} limit");
        }

        using var reader = new StreamReader(path);
        return new ManifestFile(path, new YamlDocumentReader(YamlReaderLimits.Default).Read(reader), null);
    }

    /// <summary>A byte count in MiB with one decimal, as messages show sizes.</summary>
    public static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private static IEnumerable<string> FilesUnder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            foreach (var file in FilesUnder(sub))
            {
                yield return file;
            }
        }
    }
}
