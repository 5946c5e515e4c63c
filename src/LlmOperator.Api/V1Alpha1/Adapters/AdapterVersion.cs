using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>One version of an adapter as the spec named it when it was rolled out: what the operator loads on new pods.</summary>
public sealed class AdapterVersion
{
    /// <summary>Its source (hf://, pvc:// or https://).</summary>
    [MaxLength(1024)]
    public string Source { get; set; } = "";

    /// <summary>The revision of the source, when one was pinned.</summary>
    [MaxLength(256)]
    public string? Revision { get; set; }

    /// <summary>
    /// The name of the version of <paramref name="source"/> at <paramref name="revision"/>: ten hexadecimal characters of a
    /// SHA-256 of both. The operator records versions under it, and a pod's adapter loader keeps a version only under
    /// the name of its own source and revision.
    /// </summary>
    public static string NameOf(string source, string? revision)
    {
        ArgumentNullException.ThrowIfNull(source);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + revision));
        return Convert.ToHexString(digest)[..10].ToLowerInvariant();
    }
}
