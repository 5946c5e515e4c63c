using static LlmOperator.Sandbox.Tests.Tables.TableTesting;

namespace LlmOperator.Sandbox.Tests.Tables;

public class KindColumnsTests
{
    [Theory]
    [InlineData("", "Pod", "Name,Ready,Status,Restarts,Age,IP*,Node*,Nominated Node*,Readiness Gates*")]
    [InlineData("apps", "Deployment", "Name,Ready,Up-to-date,Available,Age,Containers*,Images*,Selector*")]
    [InlineData("apps", "ReplicaSet", "Name,Desired,Current,Ready,Age,Containers*,Images*,Selector*")]
    [InlineData("batch", "Job", "Name,Status,Completions,Duration,Age,Containers*,Images*,Selector*")]
    [InlineData("", "Service", "Name,Type,Cluster-IP,External-IP,Port(s),Age,Selector*")]
    [InlineData("", "ConfigMap", "Name,Data,Age")]
    [InlineData("", "Secret", "Name,Type,Data,Age")]
    [InlineData("", "Namespace", "Name,Status,Age")]
    [InlineData("", "Event", "Last Seen,Type,Reason,Object,Subobject*,Source*,Message,First Seen*,Count*,Name*")]
    [InlineData("events.k8s.io", "Event", "Last Seen,Type,Reason,Object,Subobject*,Source*,Message,First Seen*,Count*,Name*")]
    [InlineData("", "ServiceAccount", "Name,Secrets,Age")]
    [InlineData("coordination.k8s.io", "Lease", "Name,Holder,Age")]
    [InlineData("rbac.authorization.k8s.io", "RoleBinding", "Name,Role,Age,Users*,Groups*,ServiceAccounts*")]
    [InlineData("rbac.authorization.k8s.io", "Role", "Name,Created At")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "Name,Created At")]
    [InlineData("gateway.networking.k8s.io", "HTTPRoute", "Name,Hostnames,Age")]
    [InlineData("example.com", "Gadget", "Name,Created At")]
    public void Each_kind_has_the_columns_of_a_real_cluster(string group, string kind, string expected)
    {
        Assert.Equal(expected, Headers(Table(group, kind, """{"metadata":{"name":"x"}}""")));
    }

    [Fact]
    public void The_name_column_is_marked_with_the_name_format()
    {
        var columns = Table("apps", "Deployment", """{"metadata":{"name":"x"}}""")["columnDefinitions"]!;
        Assert.Equal(
            """{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. Is"""
                + """ required when creating resources, although some resources may allow a client to request the generation of"""
                + """ an appropriate name automatically. Name is primarily intended for creation idempotence and configuration"""
                + """ definition. Cannot be updated. More info:"""
                + """ https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names","priority":0}""",
            Json(columns[0]));
        Assert.Equal(
            """{"name":"Up-to-date","type":"string","format":"","description":"Total number of non-terminated pods targeted by"""
                + """ this deployment that have the desired template spec.","priority":0}""",
            Json(columns[2]));
    }

    [Theory]
    [InlineData("", "ConfigMap",
        """{"metadata":{"name":"prompt-support","creationTimestamp":"2024-05-01T11:00:00Z"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""",
        """["prompt-support",3,"60m"]""")]
    [InlineData("", "ConfigMap", """{"metadata":{"name":"empty","creationTimestamp":"2024-05-01T11:00:00Z"}}""", """["empty",0,"60m"]""")]
    [InlineData("", "Secret",
        """{"metadata":{"name":"openai","creationTimestamp":"2024-05-01T11:00:00Z"},"type":"Opaque","data":{"apiKey":"c2stMTIz"}}""",
        """["openai","Opaque",1,"60m"]""")]
    [InlineData("", "Secret",
        """{"metadata":{"name":"tls","creationTimestamp":"2024-05-01T11:00:00Z"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}""",
        """["tls","kubernetes.io/tls",2,"60m"]""")]
    [InlineData("", "Secret", """{"metadata":{"name":"plain"}}""", """["plain","Opaque",0,"<unknown>"]""")]
    [InlineData("", "Namespace",
        """{"metadata":{"name":"team-a","creationTimestamp":"2024-04-01T12:00:00Z"},"status":{"phase":"Active"}}""",
        """["team-a","Active","30d"]""")]
    [InlineData("", "Namespace", """{"metadata":{"name":"new","creationTimestamp":"2024-05-01T11:59:00Z"}}""", """["new","Active","60s"]""")]
    [InlineData("", "Namespace", """{"metadata":{"name":"old","deletionTimestamp":"2024-05-01T11:59:00Z"}}""", """["old","Terminating","<unknown>"]""")]
    [InlineData("", "ServiceAccount",
        """{"metadata":{"name":"llm-operator","creationTimestamp":"2024-05-01T11:00:00Z"},"secrets":[{"name":"token"}]}""",
        """["llm-operator",1,"60m"]""")]
    [InlineData("", "ServiceAccount", """{"metadata":{"name":"default","creationTimestamp":"2024-05-01T11:00:00Z"}}""", """["default",0,"60m"]""")]
    [InlineData("coordination.k8s.io", "Lease",
        """{"metadata":{"name":"llm-operator-leader","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":"""
            + """{"holderIdentity":"llm-operator-6d4f_1a2b","leaseDurationSeconds":15}}""",
        """["llm-operator-leader","llm-operator-6d4f_1a2b","60m"]""")]
    [InlineData("coordination.k8s.io", "Lease",
        """{"metadata":{"name":"free","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{}}""",
        """["free","","60m"]""")]
    [InlineData("rbac.authorization.k8s.io", "RoleBinding",
        """{"metadata":{"name":"eval","creationTimestamp":"2024-05-01T11:00:00Z"},"roleRef":"""
            + """{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"eval-reader"},"subjects":["""
            + """{"kind":"ServiceAccount","name":"eval","namespace":"team-a"},{"kind":"User","name":"alice"},"""
            + """{"kind":"Group","name":"ml"},{"kind":"User","name":"bob"},"""
            + """{"kind":"ServiceAccount","name":"ci","namespace":"ci"}]}""",
        """["eval","Role/eval-reader","60m","alice, bob","ml","team-a/eval, ci/ci"]""")]
    [InlineData("rbac.authorization.k8s.io", "Role",
        """{"metadata":{"name":"eval-reader","creationTimestamp":"2024-05-01T13:00:00+02:00"},"rules":[]}""",
        """["eval-reader","2024-05-01T11:00:00Z"]""")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition",
        """{"metadata":{"name":"modeldeployments.llmoperator.io","creationTimestamp":"2024-05-01T11:00:00Z"}}""",
        """["modeldeployments.llmoperator.io","2024-05-01T11:00:00Z"]""")]
    [InlineData("example.com", "Gadget", """{"metadata":{"name":"no-time"}}""", """["no-time","0001-01-01T00:00:00Z"]""")]
    [InlineData("gateway.networking.k8s.io", "HTTPRoute",
        """{"metadata":{"name":"chat","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{"hostnames":["chat.example.com","llm.example.com"]}}""",
        """["chat","[\"chat.example.com\",\"llm.example.com\"]","60m"]""")]
    [InlineData("gateway.networking.k8s.io", "HTTPRoute",
        """{"metadata":{"name":"any","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{}}""",
        """["any",null,"60m"]""")]
    public void Each_kind_prints_its_cells(string group, string kind, string json, string expected)
    {
        Assert.Equal(expected, Cells(group, kind, json));
    }
}
