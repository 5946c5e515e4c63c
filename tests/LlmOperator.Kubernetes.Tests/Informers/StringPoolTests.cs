using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class StringPoolTests
{
    [Fact]
    public void Equal_short_strings_become_one_instance_and_long_ones_stay_as_they_are()
    {
        var first = new string("llmoperator.io/revision".AsSpan());
        var second = new string("llmoperator.io/revision".AsSpan());
        Assert.NotSame(first, second);

        Assert.Same(StringPool.Share(first), StringPool.Share(second));

        var message = new string('m', 200);
        var copy = new string(message.AsSpan());
        Assert.Same(message, StringPool.Share(message));
        Assert.Same(copy, StringPool.Share(copy));
        Assert.Null(StringPool.Share((string?)null));
    }

    [Fact]
    public void A_shared_map_is_an_equal_copy_with_pooled_keys_and_values()
    {
        var labels = new Dictionary<string, string> { [new string("app".AsSpan())] = new string("chat".AsSpan()) };
        var again = new Dictionary<string, string> { [new string("app".AsSpan())] = new string("chat".AsSpan()) };

        var shared = StringPool.Share(labels)!;
        var sharedAgain = StringPool.Share(again)!;

        Assert.Equal(labels, shared);
        Assert.Same(shared.Keys.Single(), sharedAgain.Keys.Single());
        Assert.Same(shared["app"], sharedAgain["app"]);
        Assert.Null(StringPool.Share((IDictionary<string, string>?)null));
    }
}
