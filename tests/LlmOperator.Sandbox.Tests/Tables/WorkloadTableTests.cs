using static LlmOperator.Sandbox.Tests.Tables.TableTesting;

namespace LlmOperator.Sandbox.Tests.Tables;

public class WorkloadTableTests
{
    private const string Template = """
        "template":{"metadata":{"labels":{"app":"chat"}},
         "spec":{"containers":[{"name":"server","image":"vllm/vllm-openai:v0.6.0"},{"name":"proxy","image":"envoy:1.31"}]}}
        """;

    [Fact]
    public void A_deployment_shows_ready_of_desired_and_its_template()
    {
        var deployment = $$$"""
            {"metadata":{"name":"chat","creationTimestamp":"2024-05-01T10:00:00Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"chat","tier":"model"}},{{{Template}}}},
             "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}}
            """;
        Assert.Equal(
            """["chat","2/3",3,2,"120m","server,proxy","vllm/vllm-openai:v0.6.0,envoy:1.31","app=chat,tier=model"]""",
            Cells("apps", "Deployment", deployment));
    }

    [Fact]
    public void A_new_deployment_without_status_counts_zero_of_its_default_one_replica()
    {
        var deployment = """{"metadata":{"name":"chat","creationTimestamp":"2024-05-01T11:59:59Z"},"spec":{"selector":"""
            + """{"matchLabels":{"app":"chat"}},"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}""";
        Assert.Equal("""["chat","0/1",0,0,"1s","c","i","app=chat"]""", Cells("apps", "Deployment", deployment));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]},{"key":"app","operator":"Exists"}]}""", "app,tier in (api,web)")]
    [InlineData(
        """{"matchLabels":{"b":"2"},"matchExpressions":[{"key":"a","operator":"NotIn","values":["x"]},{"key":"c","operator":"DoesNotExist"}]}""",
        "a notin (x),b=2,!c")]
    [InlineData("{}", "")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Near","values":["x"]}]}""", "<invalid>")]
    public void A_deployment_selector_prints_as_a_selector_string(string selector, string expected)
    {
        var deployment = $$$"""{"metadata":{"name":"d"},"spec":{"replicas":1,"selector":{{{selector}}}}}""";
        Assert.Equal(expected, Table("apps", "Deployment", deployment)["rows"]![0]!["cells"]![7]!.ToString());
    }

    [Fact]
    public void A_replica_set_shows_desired_current_and_ready_as_integers()
    {
        var replicaSet = $$$"""
            {"metadata":{"name":"chat-7f9c","creationTimestamp":"2024-05-01T11:00:00Z"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"chat","pod-template-hash":"7f9c"}},{{{Template}}}},
             "status":{"replicas":2,"readyReplicas":1}}
            """;
        Assert.Equal(
            """["chat-7f9c",2,2,1,"60m","server,proxy","vllm/vllm-openai:v0.6.0,envoy:1.31","app=chat,pod-template-hash=7f9c"]""",
            Cells("apps", "ReplicaSet", replicaSet));
    }

    [Fact]
    public void A_replica_set_without_selector_shows_none()
    {
        Assert.Equal("""["rs",1,0,0,"<unknown>","","","<none>"]""", Cells("apps", "ReplicaSet", """{"metadata":{"name":"rs"},"spec":{}}"""));
    }

    [Fact]
    public void A_finished_job_shows_how_long_it_ran()
    {
        var job = """
            {"metadata":{"name":"eval-1","creationTimestamp":"2024-05-01T11:00:00Z"},
             "spec":{"completions":1,"parallelism":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"8c1f"}},
              "template":{"spec":{"containers":[{"name":"eval","image":"ghcr.io/llmoperator/llmop:0.1.0"}]}}},
             "status":{"succeeded":1,"startTime":"2024-05-01T11:00:02Z","completionTime":"2024-05-01T11:03:30Z",
              "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
            """;
        Assert.Equal(
            """["eval-1","Complete","1/1","3m28s","60m","eval","ghcr.io/llmoperator/llmop:0.1.0","batch.kubernetes.io/controller-uid=8c1f"]""",
            Cells("batch", "Job", job));
    }

    [Fact]
    public void A_running_job_counts_its_duration_up_to_now()
    {
        var job = """{"metadata":{"name":"eval-2","creationTimestamp":"2024-05-01T11:59:00Z"},"spec":{"completions":3}"""
            + ""","status":{"active":1,"succeeded":1,"startTime":"2024-05-01T11:59:05Z"}}""";
        Assert.Equal("""["eval-2","Running","1/3","55s","60s","","","<none>"]""", Cells("batch", "Job", job));
    }

    [Theory]
    [InlineData("{}", "0/1")]
    [InlineData("""{"parallelism":1}""", "0/1")]
    [InlineData("""{"parallelism":3}""", "0/1 of 3")]
    [InlineData("""{"completions":5,"parallelism":3}""", "0/5")]
    public void Completions_without_a_count_read_as_one_of_the_parallel_pods(string spec, string expected)
    {
        var job = $$$"""{"metadata":{"name":"j"},"spec":{{{spec}}}}""";
        Assert.Equal(expected, Table("batch", "Job", job)["rows"]![0]!["cells"]![2]!.ToString());
    }

    [Theory]
    [InlineData("""[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded"}]""", "", "Failed")]
    [InlineData("""[{"type":"Complete","status":"False"}]""", "", "Running")]
    [InlineData("""[{"type":"Suspended","status":"True"}]""", "", "Suspended")]
    [InlineData("""[{"type":"FailureTarget","status":"True"}]""", "", "FailureTarget")]
    [InlineData("""[{"type":"Suspended","status":"True"}]""", ""","deletionTimestamp":"2024-05-01T11:59:00Z" """, "Terminating")]
    [InlineData("""[{"type":"Complete","status":"True"}]""", ""","deletionTimestamp":"2024-05-01T11:59:00Z" """, "Complete")]
    public void Job_status_follows_its_conditions_and_deletion(string conditions, string metadata, string expected)
    {
        var job = $$$"""{"metadata":{"name":"j"{{{metadata}}}},"spec":{},"status":{"conditions":{{{conditions}}}}}""";
        Assert.Equal(expected, Table("batch", "Job", job)["rows"]![0]!["cells"]![1]!.ToString());
    }
}
