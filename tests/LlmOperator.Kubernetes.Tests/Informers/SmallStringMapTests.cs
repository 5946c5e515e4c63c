using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class SmallStringMapTests
{
    [Fact]
    public void It_answers_and_changes_as_a_dictionary_does()
    {
        var map = new SmallStringMap(0);
        var reference = new Dictionary<string, string>(StringComparer.Ordinal);
        void Both(Action<IDictionary<string, string>> change)
        {
            change(map);
            change(reference);
            Assert.Equal(reference.ToList(), map.ToList());
            Assert.Equal(reference.Count, map.Count);
            Assert.Equal(reference.Keys, map.Keys);
            Assert.Equal(reference.Values, map.Values);
        }

        Both(m => m.Add("app", "chat"));
        Both(m => m["tier"] = "model");
        Both(m => m.Add(new KeyValuePair<string, string>("revision", "abc")));
        Both(m => m["app"] = "chat-2");
        Both(m => m.Add("zone", "a"));
        Both(m => m.Add("team", "search"));
        Both(m => Assert.True(m.Remove("tier")));
        Both(m => Assert.False(m.Remove("tier")));
        Both(m => Assert.False(m.Remove(new KeyValuePair<string, string>("app", "chat"))));
        Both(m => Assert.True(m.Remove(new KeyValuePair<string, string>("app", "chat-2"))));

        Assert.True(map.TryGetValue("revision", out var revision));
        Assert.Equal("abc", revision);
        Assert.False(map.TryGetValue("App", out _));
        Assert.True(map.ContainsKey("zone"));
        Assert.Contains(new KeyValuePair<string, string>("team", "search"), map);
        Assert.Throws<ArgumentException>(() => map.Add("zone", "b"));
        Assert.Throws<KeyNotFoundException>(() => map["missing"]);
        var copy = new KeyValuePair<string, string>[map.Count + 1];
        map.CopyTo(copy, 1);
        Assert.Equal(map.ToList(), copy.Skip(1));

        Both(m => m.Clear());
        Both(m => m["after"] = "clear");
    }

    [Fact]
    public void Shared_labels_are_small_maps_that_serialise_as_the_originals()
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "chat", ["llmoperator.io/revision"] = "abc" };
        var many = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => $"v{i}");

        var shared = StringPool.Share(labels);

        Assert.IsType<SmallStringMap>(shared);
        Assert.IsType<Dictionary<string, string>>(StringPool.Share(many));
        Assert.Equal(
            KubernetesJson.Serialize(new V1ObjectMeta { Labels = labels }),
            KubernetesJson.Serialize(new V1ObjectMeta { Labels = shared }));
    }
}
