using System.Collections.Concurrent;
using System.Security.Cryptography;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// The tokens the sandbox issues to pods, as a projected service account token: each names the pod's service
/// account and is bound to the pod, so it authenticates only while that pod (same uid) and that service account
/// (same uid) exist.
/// </summary>
internal sealed class ServiceAccountTokens(ObjectStore store)
{
    private static readonly ResourceKey Pods = new("", "pods");
    private static readonly ResourceKey ServiceAccounts = new("", "serviceaccounts");
    private readonly ConcurrentDictionary<string, Binding> _tokens = new(StringComparer.Ordinal);

    /// <summary>A new token for the pod <paramref name="pod"/> (namespace, name, uid) running as <paramref name="serviceAccount"/>, or null when the account does not exist.</summary>
    public string? Issue(string ns, string pod, string podUid, string serviceAccount)
    {
        if (store.Get(ServiceAccounts, ns, serviceAccount) is not { } account)
        {
            return null;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = new Binding(ns, pod, podUid, serviceAccount, account.Uid);
        return token;
    }

    /// <summary>Forgets the tokens of a pod that is gone.</summary>
    public void Revoke(string podUid)
    {
        foreach (var (token, binding) in _tokens)
        {
            if (binding.PodUid == podUid)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }

    /// <summary>The service account a token authenticates as, or null when it is unknown or its pod or account is gone.</summary>
    public UserInfo? Authenticate(string token)
    {
        if (!_tokens.TryGetValue(token, out var binding)
            || store.Get(Pods, binding.Namespace, binding.Pod)?.Uid != binding.PodUid
            || store.Get(ServiceAccounts, binding.Namespace, binding.ServiceAccount)?.Uid != binding.ServiceAccountUid)
        {
            return null;
        }

        return UserInfo.ServiceAccount(binding.Namespace, binding.ServiceAccount);
    }

    private sealed record Binding(string Namespace, string Pod, string PodUid, string ServiceAccount, string ServiceAccountUid);
}
