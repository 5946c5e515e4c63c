using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Server.Strategies;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Tests.Authorization;

/// <summary>The RBAC authorizer over Roles, ClusterRoles and their bindings in the store, for requests parsed from their URLs.</summary>
public sealed class RbacAuthorizerTests
{
    private static readonly UserInfo Reader = UserInfo.ServiceAccount("team", "reader");
    private readonly ResourceService _service =
        new(new ObjectStore(), new ResourceRegistry(BuiltInResources.All), new ResourceStrategies(), TimeProvider.System);
    private readonly RbacAuthorizer _authorizer;

    public RbacAuthorizerTests()
    {
        _authorizer = new RbacAuthorizer(new RuleResolver(_service.Store));
        foreach (var ns in new[] { "team", "other" })
        {
            Create("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"NS"}}""".Replace("NS", ns, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_role_binding_allows_its_verbs_on_its_resources_in_its_namespace_only()
    {
        Role("team", "pod-reader", """{"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch"]}""");
        Bind("team", "Role", "pod-reader", """{"kind":"ServiceAccount","name":"reader"}""");

        Assert.True(Allowed(Reader, "GET", "/api/v1/namespaces/team/pods/p"));
        Assert.True(Allowed(Reader, "GET", "/api/v1/namespaces/team/pods"));
        Assert.True(Allowed(Reader, "GET", "/api/v1/namespaces/team/pods?watch=true"));
        Assert.False(Allowed(Reader, "DELETE", "/api/v1/namespaces/team/pods/p"));
        Assert.False(Allowed(Reader, "GET", "/api/v1/namespaces/team/secrets"));
        Assert.False(Allowed(Reader, "GET", "/api/v1/namespaces/other/pods"));
        Assert.False(Allowed(Reader, "GET", "/api/v1/pods"));
        Assert.False(Allowed(UserInfo.ServiceAccount("other", "reader"), "GET", "/api/v1/namespaces/team/pods"));
    }

    [Fact]
    public void A_role_binding_to_a_cluster_role_grants_its_rules_in_the_binding_namespace_only()
    {
        ClusterRole("deployer", """{"apiGroups":["apps"],"resources":["deployments"],"verbs":["create","patch"]}""");
        Bind("team", "ClusterRole", "deployer", """{"kind":"User","name":"alice"}""");
        var alice = UserInfo.Impersonated("alice", []);

        Assert.True(Allowed(alice, "POST", "/apis/apps/v1/namespaces/team/deployments"));
        Assert.True(Allowed(alice, "PATCH", "/apis/apps/v1/namespaces/team/deployments/web"));
        Assert.False(Allowed(alice, "POST", "/apis/apps/v1/namespaces/other/deployments"));
        Assert.False(Allowed(alice, "POST", "/apis/extensions/v1/namespaces/team/deployments"));
    }

    [Fact]
    public void A_cluster_role_binding_to_a_group_allows_in_every_namespace_and_at_cluster_scope()
    {
        ClusterRole("namespace-admin", """{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}""");
        CreateBinding("ClusterRoleBinding", null, "ClusterRole", "namespace-admin", """{"kind":"Group","name":"system:serviceaccounts:team"}""");

        Assert.True(Allowed(Reader, "DELETE", "/api/v1/namespaces/other/secrets"));
        Assert.True(Allowed(Reader, "POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles"));
        Assert.True(Allowed(Reader, "PATCH", "/apis/apps/v1/namespaces/team/deployments/web/scale"));
        Assert.False(Allowed(UserInfo.ServiceAccount("other", "reader"), "GET", "/api/v1/namespaces/other/secrets"));
    }

    [Fact]
    public void A_subresource_needs_a_rule_naming_it_or_every_resource_s_subresource()
    {
        Role("team", "status-writer", """{"apiGroups":["apps"],"resources":["deployments"],"verbs":["*"]}""",
            """{"apiGroups":["apps"],"resources":["deployments/status"],"verbs":["patch"]}""",
            """{"apiGroups":["apps"],"resources":["*/scale"],"verbs":["update"]}""");
        Bind("team", "Role", "status-writer", """{"kind":"ServiceAccount","name":"reader","namespace":"team"}""");

        Assert.True(Allowed(Reader, "PATCH", "/apis/apps/v1/namespaces/team/deployments/web/status"));
        Assert.False(Allowed(Reader, "PUT", "/apis/apps/v1/namespaces/team/deployments/web/status"));
        Assert.True(Allowed(Reader, "PUT", "/apis/apps/v1/namespaces/team/deployments/web/scale"));
        Assert.False(Allowed(Reader, "PATCH", "/apis/apps/v1/namespaces/team/deployments/web/scale"));
        Assert.True(Allowed(Reader, "DELETE", "/apis/apps/v1/namespaces/team/deployments"));
    }

    [Fact]
    public void Resource_names_narrow_a_rule_to_the_named_objects_and_to_lists_of_one_of_them()
    {
        Role("team", "one-config", """{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["settings"],"verbs":["get","list","watch"]}""");
        Bind("team", "Role", "one-config", """{"kind":"ServiceAccount","name":"reader"}""");

        Assert.True(Allowed(Reader, "GET", "/api/v1/namespaces/team/configmaps/settings"));
        Assert.False(Allowed(Reader, "GET", "/api/v1/namespaces/team/configmaps/other"));
        Assert.False(Allowed(Reader, "GET", "/api/v1/namespaces/team/configmaps"));
        Assert.True(Allowed(Reader, "GET", "/api/v1/namespaces/team/configmaps?watch=1&fieldSelector=metadata.name%3Dsettings"));
    }

    [Fact]
    public void Authenticated_users_read_discovery_and_health_and_other_paths_need_a_non_resource_rule()
    {
        ClusterRole("metrics", """{"nonResourceURLs":["/metrics","/logs/*"],"verbs":["get"]}""");

        foreach (var path in new[] { "/api", "/api/v1", "/apis", "/apis/apps/v1", "/openapi/v3", "/version", "/healthz" })
        {
            Assert.True(Allowed(Reader, "GET", path), path);
        }

        Assert.False(Allowed(Reader, "GET", "/metrics"));
        CreateBinding("ClusterRoleBinding", null, "ClusterRole", "metrics", """{"kind":"Group","name":"system:authenticated"}""");
        Assert.True(Allowed(Reader, "GET", "/metrics"));
        Assert.True(Allowed(Reader, "GET", "/logs/kubelet.log"));
        Assert.False(Allowed(Reader, "POST", "/metrics"));
        Assert.False(Allowed(Reader, "GET", "/metrics/extra"));
    }

    [Fact]
    public void Members_of_system_masters_may_do_anything_without_a_binding()
    {
        Assert.True(Allowed(UserInfo.Admin, "DELETE", "/api/v1/namespaces/team/secrets/s"));
        Assert.True(Allowed(UserInfo.Admin, "GET", "/anything"));
        Assert.True(Allowed(UserInfo.Impersonated("someone", ["system:masters"]), "POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles"));
    }

    [Fact]
    public void A_binding_to_a_missing_role_grants_nothing_and_the_denial_says_which()
    {
        Bind("team", "ClusterRole", "llm-operator-eval", """{"kind":"ServiceAccount","name":"reader"}""");

        var request = Attributes(Reader, "GET", "/apis/llmoperator.io/v1alpha1/namespaces/team/evaluationruns/run-1");
        var (allowed, reason) = _authorizer.Authorize(request);
        var status = Statuses.Forbidden(request, reason).Status;

        Assert.False(allowed);
        Assert.Equal(
            "evaluationruns.llmoperator.io \"run-1\" is forbidden: User \"system:serviceaccount:team:reader\" cannot get resource \"evaluationruns\" "
                + "in API group \"llmoperator.io\" in the namespace \"team\": RBAC: clusterrole.rbac.authorization.k8s.io \"llm-operator-eval\" not found",
            status["message"]!.ToString());
        Assert.Equal("""{"name":"run-1","group":"llmoperator.io","kind":"evaluationruns"}""", status["details"]!.ToJsonString());
    }

    [Fact]
    public void Denials_name_the_subresource_and_the_scope_as_kube_apiserver_does()
    {
        Assert.Equal(
            "pods \"p\" is forbidden: User \"system:serviceaccount:team:reader\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"team\"",
            Denial(Reader, "GET", "/api/v1/namespaces/team/pods/p/log"));
        Assert.Equal(
            "clusterroles.rbac.authorization.k8s.io is forbidden: User \"system:serviceaccount:team:reader\" cannot list resource \"clusterroles\" "
                + "in API group \"rbac.authorization.k8s.io\" at the cluster scope",
            Denial(Reader, "GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles"));
        Assert.Equal("forbidden: User \"system:serviceaccount:team:reader\" cannot get path \"/metrics\"", Denial(Reader, "GET", "/metrics"));
    }

    [Fact]
    public void Request_attributes_follow_the_api_server_s_reading_of_the_url()
    {
        var ns = Attributes(Reader, "GET", "/api/v1/namespaces/team");
        var finalize = Attributes(Reader, "PUT", "/api/v1/namespaces/team/finalize");
        var collection = Attributes(Reader, "DELETE", "/apis/batch/v1/namespaces/team/jobs");
        var watch = Attributes(Reader, "GET", "/api/v1/watch/namespaces/team/pods/p");
        var proxy = Attributes(Reader, "POST", "/api/v1/namespaces/team/services/web:80/proxy/v1/chat");

        Assert.Equal(("get", "team", "namespaces", "team", ""), (ns.Verb, ns.Namespace, ns.Resource, ns.Name, ns.Subresource));
        Assert.Equal(("update", "namespaces", "team", "finalize"), (finalize.Verb, finalize.Resource, finalize.Name, finalize.Subresource));
        Assert.Equal(("deletecollection", "batch", "jobs", ""), (collection.Verb, collection.ApiGroup, collection.Resource, collection.Name));
        Assert.Equal(("watch", "pods", "p"), (watch.Verb, watch.Resource, watch.Name));
        Assert.Equal(("create", "services", "web:80", "proxy"), (proxy.Verb, proxy.Resource, proxy.Name, proxy.Subresource));
        Assert.False(Attributes(Reader, "GET", "/apis/apps").IsResourceRequest);
    }

    private bool Allowed(UserInfo user, string method, string url) => _authorizer.Authorize(Attributes(user, method, url)).Allowed;

    private string Denial(UserInfo user, string method, string url)
    {
        var request = Attributes(user, method, url);
        return Statuses.Forbidden(request, _authorizer.Authorize(request).Reason).Status["message"]!.ToString();
    }

    private static RequestAttributes Attributes(UserInfo user, string method, string url)
    {
        var uri = new Uri("https://sandbox" + url);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        return RequestAttributes.FromRequest(user, method, uri.AbsolutePath, name => query[name]);
    }

    private void Role(string ns, string name, params string[] rules) =>
        Create($$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"{{name}}","namespace":"{{ns}}"},
             "rules":[{{string.Join(',', rules)}}]}
            """);

    private void ClusterRole(string name, params string[] rules) =>
        Create($$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"{{name}}"},"rules":[{{string.Join(',', rules)}}]}""");

    private void Bind(string ns, string roleKind, string role, string subject) => CreateBinding("RoleBinding", ns, roleKind, role, subject);

    private void CreateBinding(string kind, string? ns, string roleKind, string role, string subject)
    {
        var metadata = ns is null ? $$"""{"name":"{{role}}-binding"}""" : $$"""{"name":"{{role}}-binding","namespace":"{{ns}}"}""";
        Create($$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"{{kind}}","metadata":{{metadata}},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"{{roleKind}}","name":"{{role}}"},"subjects":[{{subject}}]}
            """);
    }

    private void Create(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var type = _service.Registry.FindKind(obj["apiVersion"]!.ToString(), obj["kind"]!.ToString())!;
        _service.Create(type, obj["metadata"]?["namespace"]?.ToString() ?? "", obj, WriteOptions.Default);
    }
}
