using static LlmOperator.Sandbox.Tests.Tables.TableTesting;

namespace LlmOperator.Sandbox.Tests.Tables;

public class PodTableTests
{
    private const string OneContainer = """{"containers":[{"name":"app","image":"nginx:1.27"}]}""";

    private static string Pod(string spec, string status, string metadata = "") =>
        """{"apiVersion":"v1","kind":"Pod","metadata":"""
            + $$$"""{"name":"web","namespace":"default","creationTimestamp":"2024-05-01T11:55:00Z"{{{metadata}}}},"spec":"""
            + $$$"""{{{spec}}},"status":{{{status}}}}""";

    /// <summary>The default (not wide) cells: NAME READY STATUS RESTARTS AGE.</summary>
    private static string Columns(string spec, string status, string metadata = "") =>
        string.Join(' ', Table("", "Pod", Pod(spec, status, metadata))["rows"]![0]!["cells"]!.AsArray().Take(5).Select(c => c!.ToString()));

    [Fact]
    public void Pod_columns_are_kubectl_s_with_the_wide_ones_at_priority_one()
    {
        Assert.Equal("Name,Ready,Status,Restarts,Age,IP*,Node*,Nominated Node*,Readiness Gates*", Headers(Table("", "Pod", Pod(OneContainer, "{}"))));
    }

    [Fact]
    public void A_running_pod_prints_every_cell()
    {
        var pod = Pod(
            """{"nodeName":"node-1","containers":[{"name":"app","image":"nginx:1.27"}]}""",
            """{"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"},{"ip":"fd00::5"}],"conditions":["""
                + """{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"app","ready":true,"restartCount":0"""
                + ""","state":{"running":{"startedAt":"2024-05-01T11:55:10Z"}}}]}""");
        Assert.Equal("""["web","1/1","Running","0","5m","10.0.0.5","node-1","<none>","<none>"]""", Cells("", "Pod", pod));
    }

    [Fact]
    public void A_pod_nobody_scheduled_yet_is_pending_with_none_in_the_wide_cells()
    {
        var pod = Pod("""{"containers":[{"name":"a"},{"name":"b"}]}""", """{"phase":"Pending"}""");
        Assert.Equal("""["web","0/2","Pending","0","5m","<none>","<none>","<none>","<none>"]""", Cells("", "Pod", pod));
    }

    [Theory]
    [InlineData("""{"waiting":{"reason":"CrashLoopBackOff"}}""", "CrashLoopBackOff")]
    [InlineData("""{"waiting":{"reason":"ImagePullBackOff","message":"back-off"}}""", "ImagePullBackOff")]
    [InlineData("""{"waiting":{}}""", "Running")]
    [InlineData("""{"terminated":{"exitCode":1,"reason":"Error"}}""", "Error")]
    [InlineData("""{"terminated":{"exitCode":2}}""", "ExitCode:2")]
    [InlineData("""{"terminated":{"exitCode":137,"signal":9}}""", "Signal:9")]
    [InlineData("""{"running":{}}""", "Running")]
    public void A_container_that_is_not_running_gives_the_status(string state, string expected)
    {
        var status = $$"""{"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{{state}}}]}""";
        Assert.Equal($"web 0/1 {expected} 0 5m", Columns(OneContainer, status));
    }

    [Fact]
    public void Restarts_show_how_long_ago_the_last_one_was()
    {
        var status = """{"phase":"Running","containerStatuses":[{"name":"app","restartCount":3,"state":{"waiting":"""
            + """{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1"""
            + ""","reason":"Error","finishedAt":"2024-05-01T11:58:00Z"}}}]}""";
        Assert.Equal("web 0/1 CrashLoopBackOff 3 (2m ago) 5m", Columns(OneContainer, status));
    }

    [Fact]
    public void Restarts_without_a_last_termination_time_are_a_bare_count()
    {
        var status = """{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":3,"state":{"running":{}}}]}""";
        Assert.Equal("web 1/1 Running 3 5m", Columns(OneContainer, status));
    }

    [Theory]
    [InlineData("""{"running":{}}""", "Init:0/1")]
    [InlineData("""{"waiting":{"reason":"PodInitializing"}}""", "Init:0/1")]
    [InlineData("""{"waiting":{"reason":"ImagePullBackOff"}}""", "Init:ImagePullBackOff")]
    [InlineData("""{"terminated":{"exitCode":1,"reason":"Error"}}""", "Init:Error")]
    [InlineData("""{"terminated":{"exitCode":2}}""", "Init:ExitCode:2")]
    [InlineData("""{"terminated":{"exitCode":2,"signal":15}}""", "Init:Signal:15")]
    public void An_unfinished_init_container_gives_the_status(string state, string expected)
    {
        const string Spec = """{"initContainers":[{"name":"migrate"}],"containers":[{"name":"app"}]}""";
        var status = """{"phase":"Pending","initContainerStatuses":[{"name":"migrate","restartCount":0,"state":""" + state
            + """}],"containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}""";
        Assert.Equal($"web 0/1 {expected} 0 5m", Columns(Spec, status));
    }

    [Fact]
    public void Finished_init_containers_are_counted_in_the_init_status()
    {
        const string Spec = """{"initContainers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"app"}]}""";
        const string Status = """{"phase":"Pending","initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0"""
            + ""","reason":"Completed"}}},{"name":"b","restartCount":2,"state":{"running":{}}}]}""";
        Assert.Equal("web 0/1 Init:1/2 2 5m", Columns(Spec, Status));
    }

    [Fact]
    public void A_started_sidecar_counts_as_a_container_with_its_restarts()
    {
        const string Spec = """{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]}""";
        const string Status = """
            {"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
             "initContainerStatuses":[{"name":"proxy","started":true,"ready":true,"restartCount":1,"state":{"running":{}},
              "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-05-01T11:50:00Z"}}}],
             "containerStatuses":[{"name":"app","ready":true,"restartCount":2,"state":{"running":{}},
              "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-05-01T11:57:00Z"}}}]}
            """;
        Assert.Equal("web 2/2 Running 3 (3m ago) 5m", Columns(Spec, Status));
    }

    [Fact]
    public void A_pod_that_succeeded_is_completed_and_marked_so()
    {
        var table = Table("", "Pod", Pod(
            OneContainer,
            """{"phase":"Succeeded","containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}"""));
        var row = table["rows"]![0]!;
        Assert.Equal("""["web","0/1","Completed","0","5m","<none>","<none>","<none>","<none>"]""", Json(row["cells"]));
        Assert.Equal(
            """[{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}]""",
            Json(row["conditions"]));
    }

    [Fact]
    public void A_pod_that_failed_is_marked_so_and_shows_its_reason()
    {
        var row = Table("", "Pod", Pod(
            OneContainer,
            """{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."}"""))["rows"]![0]!;
        Assert.Equal("""["web","0/1","Evicted","0","5m","<none>","<none>","<none>","<none>"]""", Json(row["cells"]));
        Assert.Equal("""[{"type":"Completed","status":"True","reason":"Failed","message":"The pod failed."}]""", Json(row["conditions"]));
    }

    [Fact]
    public void A_running_pod_has_no_row_conditions()
    {
        Assert.Null(Table("", "Pod", Pod(OneContainer, """{"phase":"Running"}"""))["rows"]![0]!["conditions"]);
    }

    [Theory]
    [InlineData("Running", "", "Terminating")]
    [InlineData("Running", "NodeLost", "Unknown")]
    [InlineData("Succeeded", "", "Completed")]
    public void A_pod_being_deleted_is_terminating_unless_it_already_finished(string phase, string reason, string expected)
    {
        var status = $$"""{"phase":"{{phase}}","reason":"{{reason}}","containerStatuses":"""
            + """[{"name":"app","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}""";
        Assert.Equal(
            $"web 0/1 {expected} 0 5m",
            Columns(OneContainer, status, ""","deletionTimestamp":"2024-05-01T11:59:00Z","deletionGracePeriodSeconds":30"""));
    }

    [Fact]
    public void A_pod_held_by_scheduling_gates_says_so()
    {
        var status = """{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}""";
        Assert.Equal("web 0/1 SchedulingGated 0 5m", Columns(OneContainer, status));
    }

    [Theory]
    [InlineData("True", "Running")]
    [InlineData("False", "NotReady")]
    public void A_pod_with_a_completed_container_and_a_running_one_is_not_completed(string ready, string expected)
    {
        var status = $$"""{"phase":"Running","conditions":[{"type":"Ready","status":"{{ready}}"}],""" + """
            "containerStatuses":[
              {"name":"server","ready":true,"state":{"running":{}}},
              {"name":"job","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
            """;
        Assert.Equal($"web 1/2 {expected} 0 5m", Columns("""{"containers":[{"name":"server"},{"name":"job"}]}""", status));
    }

    [Fact]
    public void Readiness_gates_count_the_conditions_that_are_true()
    {
        var pod = Pod(
            """{"nodeName":"node-2","containers":[{"name":"app"}],"readinessGates":[{"conditionType":"example.com/lb"},"""
                + """{"conditionType":"example.com/dns"}]}""",
            """{"phase":"Running","nominatedNodeName":"node-3","conditions":[{"type":"example.com/lb","status":"True"},"""
                + """{"type":"example.com/dns","status":"False"}]}""");
        Assert.Equal("""["web","0/1","Running","0","5m","<none>","node-2","node-3","1/2"]""", Cells("", "Pod", pod));
    }
}
