using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class KeyIndexTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private static readonly ObjectKey C = new("ns", "c");

    [Fact]
    public void A_value_finds_the_keys_added_under_it_and_not_those_removed()
    {
        var index = new KeyIndex<string>(StringComparer.Ordinal);

        index.Add("owner", A);
        index.Add("owner", A);
        Assert.Equal([A], Find(index, "owner"));

        index.Add("owner", B);
        index.Add("owner", C);
        index.Add("other", C);
        Assert.Equal([A, B, C], Find(index, "owner"));
        Assert.Equal([C], Find(index, "other"));

        index.Remove("owner", B);
        index.Remove("owner", A);
        Assert.Equal([C], Find(index, "owner"));

        index.Remove("owner", C);
        index.Remove("owner", C);
        Assert.Empty(Find(index, "owner"));
        Assert.Equal([C], Find(index, "other"));
    }

    [Fact]
    public void Removing_a_key_that_is_not_under_a_value_leaves_the_value_alone()
    {
        var index = new KeyIndex<string>(StringComparer.Ordinal);
        index.Add("owner", A);

        index.Remove("owner", B);
        index.Remove("missing", A);

        Assert.Equal([A], Find(index, "owner"));
    }

    [Fact]
    public void A_value_found_again_after_all_its_keys_went_starts_from_one_key()
    {
        var index = new KeyIndex<ObjectKey>();
        index.Add(A, B);
        index.Add(A, C);
        index.Remove(A, B);
        index.Remove(A, C);

        index.Add(A, C);

        Assert.Equal([C], index.Find(A, k => k));
    }

    private static List<ObjectKey> Find(KeyIndex<string> index, string value) => [.. index.Find(value, k => k).OrderBy(k => k.Name, StringComparer.Ordinal)];
}
