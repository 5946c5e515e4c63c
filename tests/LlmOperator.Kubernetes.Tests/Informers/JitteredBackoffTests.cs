using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class JitteredBackoffTests
{
    [Fact]
    public void Delays_double_up_to_the_cap_with_at_most_the_jitter_added_and_reset_starts_over()
    {
        var backoff = new JitteredBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), jitter: 0.5, new Random(7));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalMilliseconds).ToList();
        backoff.Reset();
        var again = backoff.Next().TotalMilliseconds;

        double[] bases = [100, 200, 400, 800, 1000, 1000];
        for (var i = 0; i < bases.Length; i++)
        {
            Assert.InRange(delays[i], bases[i], bases[i] * 1.5);
        }

        Assert.InRange(again, 100, 150);
    }
}
