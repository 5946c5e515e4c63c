using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;
using LlmOperator.Sandbox.Workloads;

namespace LlmOperator.Sandbox.Tests.Workloads;

public class ContainerEnvironmentTests
{
    [Fact]
    public void Resolves_values_the_downward_API_secrets_config_maps_and_references()
    {
        var store = new ObjectStore();
        store.Create(new ResourceKey("", "secrets"),
            JsonNode.Parse("""{"metadata":{"name":"openai","namespace":"ml"},"data":{"key":"c2stc2VjcmV0"}}""")!.AsObject());
        store.Create(new ResourceKey("", "configmaps"),
            JsonNode.Parse("""{"metadata":{"name":"settings","namespace":"ml"},"data":{"model":"llama","mode":"fast"}}""")!.AsObject());
        var pod = JsonNode.Parse(
            """{"metadata":{"name":"p","namespace":"ml","uid":"u1","labels":{"app":"web"}},"spec":{"serviceAccountName":"eval"}"""
                + ""","status":{"podIP":"127.1.0.9"}}""")!.AsObject();
        var container = JsonNode.Parse("""
            {"envFrom":[{"configMapRef":{"name":"settings"},"prefix":"CFG_"}],
             "env":[{"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
                    {"name":"NS","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}},
                    {"name":"APP","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['app']"}}},
                    {"name":"KEY","valueFrom":{"secretKeyRef":{"name":"openai","key":"key"}}},
                    {"name":"MODEL","valueFrom":{"configMapKeyRef":{"name":"settings","key":"model"}}},
                    {"name":"URL","value":"http://$(POD_IP):8000/$(MISSING)/$$(POD_IP)"}]}
            """)!.AsObject();

        var env = ContainerEnvironment.Resolve(pod, container, store).ToDictionary(e => e.Key, e => e.Value);

        Assert.Equal("127.1.0.9", env["POD_IP"]);
        Assert.Equal("ml", env["NS"]);
        Assert.Equal("web", env["APP"]);
        Assert.Equal("sk-secret", env["KEY"]);
        Assert.Equal("llama", env["MODEL"]);
        Assert.Equal("fast", env["CFG_mode"]);
        Assert.Equal("http://127.1.0.9:8000/$(MISSING)/$(POD_IP)", env["URL"]);
    }
}
