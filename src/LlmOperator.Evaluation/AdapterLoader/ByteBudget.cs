namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>
/// The bytes one version may still take, counted as they are written: a source that says nothing of its size, or
/// lies about it (an archive's headers, a Content-Length), is cut off at the limit all the same.
/// </summary>
internal sealed class ByteBudget(long limit)
{
    private long _used;

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>, counting every byte against the budget.</summary>
    public async Task CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            _used += read;
            if (_used > limit)
            {
                throw new AdapterFetchException($"the adapter is larger than the limit of {limit} bytes", refused: true);
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
