using System.Collections.Concurrent;
using System.Security.Cryptography;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// The tokens the sandbox issues, as the TokenRequest API does: to pods (a projected service account token, bound
/// to the pod, so it authenticates only while that pod, same uid, exists) and to clients that ask for one
/// (<c>serviceaccounts/token</c>); each authenticates as its service account while that account (same uid) exists.
/// </summary>
internal sealed class ServiceAccountTokens(ObjectStore store)
{
    private static readonly ResourceKey Pods = new("", "pods");
    private static readonly ResourceKey ServiceAccounts = new("", "serviceaccounts");
    private readonly ConcurrentDictionary<string, Binding> _tokens = new(StringComparer.Ordinal);

    /// <summary>
    /// A new token for the pod <paramref name="pod"/> (namespace, name, uid) running as <paramref name="serviceAccount"/>, or null when
    /// the account does not exist.
    /// </summary>
    public string? Issue(string ns, string pod, string podUid, string serviceAccount) => Issue(ns, serviceAccount, (pod, podUid));

    /// <summary>A new token for <paramref name="serviceAccount"/>, bound to no pod, or null when the account does not exist.</summary>
    public string? Issue(string ns, string serviceAccount) => Issue(ns, serviceAccount, null);

    /// <summary>Forgets the tokens of a pod that is gone.</summary>
    public void Revoke(string podUid)
    {
        foreach (var (token, binding) in _tokens)
        {
            if (binding.Pod?.Uid == podUid)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }

    /// <summary>The service account a token authenticates as, or null when it is unknown or its pod or account is gone.</summary>
    public UserInfo? Authenticate(string token)
    {
        if (!_tokens.TryGetValue(token, out var binding)
            || (binding.Pod is var (pod, podUid) && store.Get(Pods, binding.Namespace, pod)?.Uid != podUid)
            || store.Get(ServiceAccounts, binding.Namespace, binding.ServiceAccount)?.Uid != binding.ServiceAccountUid)
        {
            return null;
        }

        return UserInfo.ServiceAccount(binding.Namespace, binding.ServiceAccount);
    }

    private string? Issue(string ns, string serviceAccount, (string Name, string Uid)? pod)
    {
        if (store.Get(ServiceAccounts, ns, serviceAccount) is not { } account)
        {
            return null;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = new Binding(ns, serviceAccount, account.Uid, pod);
        return token;
    }

    private sealed record Binding(string Namespace, string ServiceAccount, string ServiceAccountUid, (string Name, string Uid)? Pod);
}
