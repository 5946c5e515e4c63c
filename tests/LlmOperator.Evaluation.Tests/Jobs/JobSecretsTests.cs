using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Jobs;

namespace LlmOperator.Evaluation.Tests.Jobs;

/// <summary>The Job's API keys: the variables the operator names in its pod, never a read of a Secret (it has no access to any).</summary>
public sealed class JobSecretsTests : IDisposable
{
    private const string Secret = "job-secrets-test-openai";
    private readonly string _variable = SecretKeyVariable.Of(Secret, "api-key");

    public void Dispose() => Environment.SetEnvironmentVariable(_variable, null);

    [Fact]
    public async Task A_key_is_read_from_the_variable_the_operator_named_and_nothing_else()
    {
        // An API server that is not there: any request would fail the read.
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        var store = new KubernetesEvaluationRunStore(client, "team-a");
        Assert.Null(await store.ReadSecretAsync(Secret, "api-key", CancellationToken.None));

        Environment.SetEnvironmentVariable(_variable, "sk-test");

        Assert.Equal("sk-test", await store.ReadSecretAsync(Secret, "api-key", CancellationToken.None));
        Assert.Null(await store.ReadSecretAsync(Secret, "other-key", CancellationToken.None));
        Assert.StartsWith(SecretKeyVariable.Prefix, _variable, StringComparison.Ordinal);
        Assert.NotEqual(_variable, SecretKeyVariable.Of(Secret + "-2", "api-key"));
    }
}
