using System.Security.Cryptography;
using System.Text;

namespace LlmOperator.Controllers.Common;

/// <summary>Names of the EvaluationRuns the operator creates, whatever they judge.</summary>
internal static class RunNames
{
    /// <summary>The longest EvaluationRun name: its Jobs add "-N" and must fit in 63 characters.</summary>
    public const int MaxLength = 61;

    /// <summary>
    /// The name as it is when short enough; a longer one keeps a readable prefix and ends with a hash of
    /// the whole name, so that it stays unique and the same on every reconcile.
    /// </summary>
    public static string Fit(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..10].ToLowerInvariant();
        return $"{name[..(MaxLength - hash.Length - 1)].TrimEnd('-', '.')}-{hash}";
    }
}
