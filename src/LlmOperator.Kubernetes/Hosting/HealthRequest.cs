using System.Text;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>The request line of an HTTP/1.x request to the health port: its method and its path without the query.</summary>
internal readonly record struct HealthRequest(string Method, string Path)
{
    /// <summary>
    /// Reads the request line from <paramref name="head"/>, the request's bytes up to the blank line that ends its headers; null
    /// when it is not "METHOD /path HTTP/1.x".
    /// </summary>
    public static HealthRequest? Parse(ReadOnlySpan<byte> head)
    {
        var end = head.IndexOf("\r\n"u8);
        var line = end < 0 ? head : head[..end];
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1 || !line[(lastSpace + 1)..].StartsWith("HTTP/1."u8))
        {
            return null;
        }

        var method = line[..firstSpace];
        var target = line[(firstSpace + 1)..lastSpace];
        if (target[0] != (byte)'/' || method.ContainsAnyExceptInRange((byte)'A', (byte)'Z') || target.ContainsAnyInRange((byte)0, (byte)' '))
        {
            return null;
        }

        var query = target.IndexOf((byte)'?');
        return new HealthRequest(Encoding.ASCII.GetString(method), Encoding.ASCII.GetString(query < 0 ? target : target[..query]));
    }
}
