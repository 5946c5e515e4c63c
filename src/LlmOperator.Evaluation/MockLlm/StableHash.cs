using System.Text;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>FNV-1a over UTF-8: the same text hashes the same in every process, unlike string.GetHashCode.</summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
