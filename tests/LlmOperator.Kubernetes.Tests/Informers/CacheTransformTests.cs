using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class CacheTransformTests
{
    [Fact]
    public void An_owned_object_shares_its_owners_name_and_uid_and_drops_what_no_reconciler_reads()
    {
        // Read from JSON, as the informers do, so that each object holds its own copy of every string.
        var owner = KubernetesJson.Deserialize<V1ConfigMap>(
            """{"kind": "ConfigMap", "metadata": {"name": "chat", "namespace": "team", "uid": "6f1c0b9e-2a47-4e55-9d0e-1f3b5c7a9d21"}}""");
        var owned = KubernetesJson.Deserialize<V1ConfigMap>("""
            {"kind": "ConfigMap", "metadata": {"name": "chat", "namespace": "team", "uid": "0c4e8a2f-7b13-4d69-8e5a-3c9f1b7d5e42",
             "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
             "managedFields": [{"manager": "kubectl", "operation": "Apply"}],
             "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "chat", "uid": "6f1c0b9e-2a47-4e55-9d0e-1f3b5c7a9d21"}]}}
            """);

        CacheTransform.Strip(owner);
        CacheTransform.Strip(owned);

        var reference = Assert.Single(owned.Metadata.OwnerReferences);
        Assert.Same(owner.Metadata.Uid, reference.Uid);
        Assert.Same(owner.Metadata.Name, reference.Name);
        Assert.Same(owner.Metadata.Name, owned.Metadata.Name);
        Assert.Same(owner.Metadata.NamespaceProperty, owned.Metadata.NamespaceProperty);
        Assert.Equal("0c4e8a2f-7b13-4d69-8e5a-3c9f1b7d5e42", owned.Metadata.Uid);
        Assert.Null(owned.Metadata.ManagedFields);
        Assert.Null(owned.Metadata.Annotations);
    }
}
