using System.Text.RegularExpressions;
using System.Xml;
using k8s.Models;

namespace LlmOperator.Sandbox.Schemas;

/// <summary>
/// The Kubernetes API's field documentation, read from the KubernetesClient package's XML documentation file
/// (copied beside the assembly by <c>CopyDocumentationFilesFromPackages</c>); without the file, fields have none.
/// </summary>
public static partial class ModelDocumentation
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Summaries = new(Load);

    /// <summary>The description of a model type.</summary>
    public static string? Of(ModelShape model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Summaries.Value.GetValueOrDefault($"T:{model.Type.FullName}");
    }

    /// <summary>The description of a field.</summary>
    public static string? Of(ModelField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Summaries.Value.GetValueOrDefault($"P:{field.Property.DeclaringType!.FullName}.{field.Property.Name}");
    }

    private static Dictionary<string, string> Load()
    {
        var path = Path.ChangeExtension(typeof(V1Pod).Assembly.Location, ".xml");
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return summaries;
        }

        var prefix = typeof(V1Pod).Namespace + ".";
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            if (name is null || name.Length < 2 || !name.AsSpan(2).StartsWith(prefix, StringComparison.Ordinal) || name[0] is not ('T' or 'P'))
            {
                continue;
            }

            using var member = reader.ReadSubtree();
            if (member.ReadToFollowing("summary"))
            {
                summaries[name] = Whitespace().Replace(member.ReadElementContentAsString(), " ").Trim();
            }
        }

        return summaries;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
