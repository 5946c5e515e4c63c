using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>
/// The README's CRD upgrade after a Helm install, run as written with the real kubectl against the sandbox:
/// Helm 4 applies a chart's crds/ server-side as field manager helm, so a later server-side apply of
/// changed CRDs conflicts unless it forces its way.
/// </summary>
public sealed class CrdUpgradeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Crds = "charts/llm-operator/crds";
    private const string Spec = "The desired state, written by people";

    [Fact]
    public async Task The_readme_upgrade_command_takes_over_the_crds_helm_installed_where_a_plain_server_side_apply_conflicts()
    {
        var command = Readme.ShellCommands()
            .Single(c => c.StartsWith("kubectl apply --server-side", StringComparison.Ordinal) && c.EndsWith(Crds, StringComparison.Ordinal));
        using var previous = new TempDirectory();
        foreach (var crd in Directory.GetFiles(RepositoryPaths.Combine(Crds)))
        {
            // The previous release: the same CRDs with other documentation of their spec.
            previous.Write(Path.GetFileName(crd), File.ReadAllText(crd).Replace(Spec, "Before the upgrade. " + Spec, StringComparison.Ordinal));
        }

        using var kubectl = sandbox.Kubectl();
        (await kubectl.RunAsync("apply", "--server-side", "--field-manager", "helm", "-f", previous.Path)).Succeeded();

        var plain = await kubectl.RunAsync("apply", "--server-side", "-f", RepositoryPaths.Combine(Crds));
        Assert.NotEqual(0, plain.ExitCode);
        Assert.Contains("conflict with \"helm\"", plain.Error, StringComparison.Ordinal);

        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(a => a == Crds ? RepositoryPaths.Combine(Crds) : a)
            .ToArray();
        (await kubectl.RunAsync(args)).Succeeded();

        const string SpecDescription = "jsonpath={.spec.versions[0].schema.openAPIV3Schema.properties.spec.description}";
        var description = (await kubectl.RunAsync("get", "crd", "modeldeployments.llmoperator.io", "-o", SpecDescription)).Succeeded();
        Assert.False(description.StartsWith("Before the upgrade.", StringComparison.Ordinal), description);
        Assert.NotEmpty(description);
    }
}
