using LlmOperator.Kubernetes.Queue;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Kubernetes.Tests.Queue;

public class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Adding_a_queued_key_collapses_into_it()
    {
        using var queue = NewQueue();

        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.GetAsync(default)).Key);
        Assert.Equal("b", (await queue.GetAsync(default)).Key);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_in_flight_is_not_handed_out_again_until_done_and_then_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var first = await queue.GetAsync(default);

        queue.Add("a");
        queue.Add("a");
        var second = queue.GetAsync(default);

        Assert.False(second.IsCompleted);
        Assert.Equal(0, queue.Count);
        queue.Done(first.Key);
        Assert.Equal("a", (await second).Key);
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_waiting_worker_gets_a_key_as_soon_as_it_is_added()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync(default);

        queue.Add("a");

        Assert.Equal("a", (await waiting).Key);
    }

    [Fact]
    public void A_delayed_key_arrives_when_its_time_comes_and_the_earliest_time_wins()
    {
        using var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Delayed_keys_come_out_in_the_order_of_their_times()
    {
        using var queue = NewQueue();
        queue.AddAfter("late", TimeSpan.FromSeconds(5));
        queue.AddAfter("early", TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("early", (await queue.GetAsync(default)).Key);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("late", (await queue.GetAsync(default)).Key);
    }

    [Fact]
    public async Task Failures_back_off_exponentially_per_key_and_success_forgets_them()
    {
        using var queue = NewQueue(new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)));

        var delays = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            queue.AddRateLimited("a");
            var before = _time.GetUtcNow();
            while (queue.Count == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }

            delays.Add((_time.GetUtcNow() - before).TotalMilliseconds);
            await queue.GetAsync(default);
            queue.Done("a");
        }

        Assert.Equal([5, 10, 20, 40], delays);
        Assert.Equal(4, queue.Failures("a"));
        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
    }

    [Fact]
    public void Per_key_backoff_is_capped_at_about_sixteen_minutes()
    {
        var limiter = new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        var delays = Enumerable.Range(0, 40).Select(_ => limiter.DelayFor("a")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[^1]);
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor("b") - TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void The_overall_token_bucket_spaces_retries_once_its_burst_is_spent()
    {
        var bucket = new TokenBucketRateLimiter<string>(10, 100, _time);

        var burst = Enumerable.Range(0, 100).Select(i => bucket.DelayFor($"k{i}")).ToList();
        var next = bucket.DelayFor("k100");
        var after = bucket.DelayFor("k101");

        Assert.All(burst, d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), next);
        Assert.Equal(TimeSpan.FromMilliseconds(200), after);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, bucket.DelayFor("later"));
    }

    [Fact]
    public void The_default_limiter_takes_the_longer_of_backoff_and_bucket()
    {
        var limiter = RateLimiters.Default<string>(_time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.DelayFor("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.DelayFor("a"));
        Assert.Equal(2, limiter.Failures("a"));
    }

    [Fact]
    public void A_rate_limited_add_waits_at_least_the_time_asked_for()
    {
        using var queue = NewQueue();

        queue.AddRateLimited("a", atLeast: TimeSpan.FromSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Shutting_down_releases_waiting_workers_and_hands_out_nothing_more()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync(default);

        queue.ShutDown();
        queue.Add("a");

        Assert.True((await waiting).IsShutDown);
        Assert.True((await queue.GetAsync(default)).IsShutDown);
        Assert.True(queue.IsShuttingDown);
    }

    [Fact]
    public async Task A_cancelled_worker_does_not_swallow_a_key()
    {
        using var queue = NewQueue();
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cancel.Token);
        await cancel.CancelAsync();

        queue.Add("a");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("a", (await queue.GetAsync(default)).Key);
    }

    // A key handed straight to a waiting worker never waits, so only keys queued while every worker is
    // busy count towards the depth; each leaves it when a worker takes it or the queue shuts down.
    [Fact]
    public async Task Depth_counts_keys_waiting_for_a_worker_and_latency_is_recorded_when_one_takes_them()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var depth = new MetricCollector<long>(meters, OperatorMetrics.MeterName, "llmop.workqueue.depth");
        using var waits = new MetricCollector<double>(meters, OperatorMetrics.MeterName, "llmop.workqueue.queue_duration");
        using var queue = new WorkQueue<string>(
            "measured", new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1)), _time, new OperatorMetrics(meters));
        var waiting = queue.GetAsync(default);

        queue.Add("handed-over");
        queue.Add("a");
        queue.Add("b");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("a", (await queue.GetAsync(default)).Key);
        queue.ShutDown();

        Assert.Equal("handed-over", (await waiting).Key);
        Assert.Equal([1L, 1L, -1L, -1L], depth.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.All(depth.GetMeasurementSnapshot(), m => Assert.Equal("measured", m.Tags["name"]));
        Assert.Equal([0d, 2d], waits.GetMeasurementSnapshot().Select(m => m.Value));
    }

    private WorkQueue<string> NewQueue(IRateLimiter<string>? limiter = null) =>
        new("test", limiter ?? new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), _time);
}
