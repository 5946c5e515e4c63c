using LlmOperator.Kubernetes.Events;

namespace LlmOperator.Kubernetes.Tests.Events;

public class EventAggregatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Repeats_count_on_the_first_series_and_different_messages_start_their_own()
    {
        var aggregator = new EventAggregator();
        var key = EventAggregator.KeyOf("uid", "Warning", "Failed", "boom");

        var first = aggregator.Observe(key, () => new EventSeries("ns", "w.1", 1, Now));
        var second = aggregator.Observe(key, () => new EventSeries("ns", "w.2", 1, Now));
        var other = aggregator.Observe(EventAggregator.KeyOf("uid", "Warning", "Failed", "bang"), () => new EventSeries("ns", "w.3", 1, Now));

        Assert.True(first.IsNew);
        Assert.False(second.IsNew);
        Assert.Equal(("w.1", 2), (second.Series.Name, second.Series.Count));
        Assert.True(other.IsNew);
    }

    [Fact]
    public void The_least_recently_seen_series_is_forgotten_first()
    {
        var aggregator = new EventAggregator(capacity: 2);
        aggregator.Observe("a", () => new EventSeries("ns", "a", 1, Now));
        aggregator.Observe("b", () => new EventSeries("ns", "b", 1, Now));
        aggregator.Observe("a", () => new EventSeries("ns", "a2", 1, Now));

        aggregator.Observe("c", () => new EventSeries("ns", "c", 1, Now));

        Assert.False(aggregator.Observe("a", () => new EventSeries("ns", "a3", 1, Now)).IsNew);
        Assert.True(aggregator.Observe("b", () => new EventSeries("ns", "b2", 1, Now)).IsNew);
    }
}
