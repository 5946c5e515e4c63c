using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.Kubernetes.Tests.Access;

public class StatusWritesTests
{
    private static readonly ResourceKind Kind = ResourceKind.Of<Widget>();
    private static readonly ObjectKey Key = new("ns", "w");

    private static Widget At(string resourceVersion, string? note) => new()
    {
        Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = "ns", ResourceVersion = resourceVersion },
        Spec = new WidgetSpec { Size = 1 },
        Status = note is null ? null : new WidgetStatus { Note = note, SeenSize = 1 },
    };

    private static JsonObject Patch(string note) => new() { ["note"] = note };

    [Fact]
    public void The_watch_event_of_our_own_write_is_an_echo_and_any_other_change_is_not()
    {
        var writes = new StatusWrites();
        writes.Sending(Kind, Key, "7", Patch("ours"));

        Assert.True(writes.IsEcho(Kind, At("7", "before"), At("8", "ours")));
        Assert.False(writes.IsEcho(Kind, At("7", "before"), At("8", "theirs")), "another status");
        Assert.False(writes.IsEcho(Kind, At("6", "before"), At("8", "ours")), "a change from another version than the one written over");
        Assert.False(writes.IsEcho(Kind, null, At("8", "ours")), "an object added");
    }

    [Fact]
    public void A_write_is_an_echo_once_and_a_later_change_from_the_same_version_is_not()
    {
        var writes = new StatusWrites();
        writes.Sending(Kind, Key, "7", Patch("ours"));
        writes.Accepted(Kind, Key, "7");

        Assert.True(writes.IsEcho(Kind, At("7", "before"), At("8", "ours")));
        Assert.False(writes.IsEcho(Kind, At("7", "before"), At("8", "ours")), "the same event delivered again");
        Assert.False(writes.IsEcho(Kind, At("7", "before"), At("8", "before")), "a change that leaves the status as it was");
        Assert.True(writes.IsBehind(Kind, At("7", "before")), "the write stays recorded for the version it was made over");
    }

    [Fact]
    public void The_cache_is_behind_only_at_the_version_an_accepted_write_was_made_over()
    {
        var writes = new StatusWrites();
        writes.Sending(Kind, Key, "7", Patch("ours"));
        Assert.False(writes.IsBehind(Kind, At("7", "before")), "the write is not accepted yet");

        writes.Accepted(Kind, Key, "7");

        Assert.True(writes.IsBehind(Kind, At("7", "before")));
        Assert.False(writes.IsBehind(Kind, At("8", "ours")));
    }

    [Fact]
    public void A_deleted_object_and_a_new_term_forget_every_write()
    {
        var writes = new StatusWrites();
        writes.Sending(Kind, Key, "7", Patch("ours"));
        writes.Accepted(Kind, Key, "7");
        writes.Forget(Kind, Key);
        Assert.False(writes.IsBehind(Kind, At("7", "before")));

        writes.Sending(Kind, Key, "9", Patch("ours"));
        writes.Accepted(Kind, Key, "9");
        writes.StartTerm(UnconnectedInformers.Create());

        Assert.False(writes.IsBehind(Kind, At("9", "before")));
        Assert.False(writes.IsEcho(Kind, At("9", "before"), At("10", "ours")));
    }
}
