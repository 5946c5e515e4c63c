using System.Security.Cryptography;
using System.Text;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// The environment variable an evaluation Job receives a Secret's key in: the operator names each key the Job
/// may need in its pod's env (secretKeyRef, so the kubelet reads the Secret), and the Job reads the variable.
/// The Job's service account needs no access to Secrets.
/// </summary>
public static class SecretKeyVariable
{
    /// <summary>What every such variable starts with.</summary>
    public const string Prefix = "LLMOP_SECRET_";

    /// <summary>The variable of one key: a hash of the Secret's name and the key, so that any name fits.</summary>
    public static string Of(string secret, string key)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret + "\n" + key)))[..16];
    }
}
