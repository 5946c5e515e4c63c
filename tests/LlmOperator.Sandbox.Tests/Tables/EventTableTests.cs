using static LlmOperator.Sandbox.Tests.Tables.TableTesting;

namespace LlmOperator.Sandbox.Tests.Tables;

public class EventTableTests
{
    [Fact]
    public void A_core_event_shows_when_what_and_about_which_object()
    {
        var evt = """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"chat.17c1a","namespace":"team-a","creationTimestamp":"2024-05-01T11:40:00Z"},
             "involvedObject":{"apiVersion":"llmoperator.io/v1alpha1","kind":"ModelDeployment","name":"chat","namespace":"team-a","fieldPath":"spec.rollout"},
             "reason":"RolloutAborted","message":"  canary failed gate quality: pass rate 0.71 < 0.90\n","type":"Warning",
             "source":{"component":"llm-operator","host":"node-1"},"firstTimestamp":"2024-05-01T11:40:00Z","lastTimestamp":"2024-05-01T11:57:00Z","count":4}
            """;
        Assert.Equal(
            """["3m","Warning","RolloutAborted","modeldeployment/chat","spec.rollout","llm-operator, node-1","canary failed"""
                + """ gate quality: pass rate 0.71 < 0.90","20m",4,"chat.17c1a"]""",
            Cells("", "Event", evt));
    }

    [Fact]
    public void A_core_event_from_the_newer_API_uses_event_time_and_reporting_fields()
    {
        var evt = """
            {"metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"web"},"reason":"Pulled","message":"ok","type":"Normal",
             "eventTime":"2024-05-01T11:59:30.123456Z","reportingComponent":"kubelet","reportingInstance":"node-2"}
            """;
        Assert.Equal("""["29s","Normal","Pulled","pod/web","","kubelet, node-2","ok","29s",1,"e1"]""", Cells("", "Event", evt));
    }

    [Fact]
    public void An_events_k8s_io_event_with_a_series_shows_the_last_observation_and_its_count()
    {
        var evt = """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"chat.17c1b","namespace":"team-a"},
             "eventTime":"2024-05-01T11:30:00.000000Z","series":{"count":7,"lastObservedTime":"2024-05-01T11:58:00.000000Z"},
             "reportingController":"llmoperator.io/controller","reportingInstance":"llm-operator-0","action":"Evaluate","reason":"GatePassed",
             "regarding":{"kind":"ModelDeployment","name":"chat"},"note":"gate quality passed","type":"Normal"}
            """;
        Assert.Equal(
            """["2m","Normal","GatePassed","modeldeployment/chat","","llmoperator.io/controller, llm-operator-0","gate quality"""
                + """ passed","30m",7,"chat.17c1b"]""",
            Cells("events.k8s.io", "Event", evt));
    }

    [Fact]
    public void An_events_k8s_io_event_reads_the_deprecated_fields_of_the_old_API()
    {
        var evt = """
            {"metadata":{"name":"e2"},"regarding":{"kind":"Node"},"reason":"Rebooted","note":"rebooted","type":"Warning",
             "deprecatedSource":{"component":"kubelet"},"deprecatedFirstTimestamp":"2024-05-01T10:00:00Z",
             "deprecatedLastTimestamp":"2024-05-01T11:00:00Z","deprecatedCount":2}
            """;
        Assert.Equal("""["60m","Warning","Rebooted","node","","kubelet","rebooted","120m",2,"e2"]""", Cells("events.k8s.io", "Event", evt));
    }

    [Fact]
    public void An_event_without_any_time_is_unknown()
    {
        Assert.Equal("""["<unknown>","","","","","","","<unknown>",1,"e3"]""", Cells("", "Event", """{"metadata":{"name":"e3"}}"""));
    }
}
