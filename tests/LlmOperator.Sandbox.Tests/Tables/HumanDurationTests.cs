using LlmOperator.Sandbox.Tables;

namespace LlmOperator.Sandbox.Tests.Tables;

public class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(60, "60s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(121, "2m1s")]
    [InlineData(179, "2m59s")]
    [InlineData(9 * 60 + 59, "9m59s")]
    [InlineData(10 * 60, "10m")]
    [InlineData(10 * 60 + 59, "10m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 5 * 60 + 59, "3h5m")]
    [InlineData(7 * 3600 + 59 * 60, "7h59m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(8 * 3600 + 59 * 60, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(51 * 3600, "2d3h")]
    [InlineData(7 * 86400 + 23 * 3600, "7d23h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(8 * 86400 + 23 * 3600, "8d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(731 * 86400, "2y1d")]
    [InlineData(8 * 365 * 86400 - 86400, "7y364d")]
    [InlineData(8 * 365 * 86400, "8y")]
    [InlineData(20 * 365 * 86400 + 100 * 86400, "20y")]
    public void Spans_print_with_the_precision_of_kubectl_ages(long seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(-999, "0s")]
    [InlineData(-1000, "0s")]
    [InlineData(-1999, "0s")]
    [InlineData(-2000, "<invalid>")]
    [InlineData(-60_000, "<invalid>")]
    public void Up_to_a_second_in_the_future_is_clock_skew_and_more_is_invalid(long milliseconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Fractions_of_a_unit_are_cut_not_rounded()
    {
        Assert.Equal("59s", HumanDuration.Format(TimeSpan.FromMilliseconds(59_999)));
        Assert.Equal("2m59s", HumanDuration.Format(TimeSpan.FromMilliseconds(179_999)));
    }

    [Fact]
    public void An_age_is_measured_from_the_timestamp_to_now_and_unknown_without_one()
    {
        var now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("5m", HumanDuration.Since(now.AddMinutes(-5), now));
        Assert.Equal("<unknown>", HumanDuration.Since(null, now));
    }
}
