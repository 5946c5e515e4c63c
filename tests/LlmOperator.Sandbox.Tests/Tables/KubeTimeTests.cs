using LlmOperator.Sandbox.Tables;

namespace LlmOperator.Sandbox.Tests.Tables;

public class KubeTimeTests
{
    [Theory]
    [InlineData("2024-05-01T11:55:00Z", "2024-05-01T11:55:00.0000000+00:00")]
    [InlineData("2024-05-01T13:55:00+02:00", "2024-05-01T11:55:00.0000000+00:00")]
    [InlineData("2024-05-01T11:55:00.123456Z", "2024-05-01T11:55:00.1234560+00:00")]
    [InlineData("2024-05-01T11:55:00.123456789Z", "2024-05-01T11:55:00.1234567+00:00")]
    public void RFC3339_times_parse_with_offsets_and_fractions(string text, string expectedUtc)
    {
        Assert.True(KubeTime.TryParse(text, out var time));
        Assert.Equal(expectedUtc, time!.Value.ToUniversalTime().ToString("O"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void Empty_null_and_the_zero_time_are_unset(string text)
    {
        Assert.True(KubeTime.TryParse(text, out var time));
        Assert.Null(time);
    }

    [Theory]
    [InlineData("2024-05-01")]
    [InlineData("2024-05-01 11:55:00Z")]
    [InlineData("2024-05-01T11:55:00")]
    [InlineData("2024-13-01T11:55:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("yesterday")]
    public void Anything_else_is_not_a_time(string text)
    {
        Assert.False(KubeTime.TryParse(text, out _));
    }

    [Fact]
    public void Times_are_written_in_UTC_to_the_second()
    {
        Assert.True(KubeTime.TryParse("2024-05-01T13:55:00.5+02:00", out var time));
        Assert.Equal("2024-05-01T11:55:00Z", KubeTime.FormatRfc3339(time));
        Assert.Equal("0001-01-01T00:00:00Z", KubeTime.FormatRfc3339(null));
    }
}
