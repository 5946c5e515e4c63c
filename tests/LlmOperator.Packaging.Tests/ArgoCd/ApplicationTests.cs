using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>The example Application points at manifests of this repository that are valid.</summary>
public sealed class ApplicationTests
{
    [Fact]
    public void The_application_syncs_the_samples_which_validate()
    {
        var application = YamlFile.ReadObject(Path.Combine(ArgoCdCustomizations.Root, "application.yaml"));
        Assert.Equal("argoproj.io/v1alpha1", application["apiVersion"]!.GetValue<string>());
        Assert.Equal("Application", application["kind"]!.GetValue<string>());
        var path = application["spec"]!["source"]!["path"]!.GetValue<string>();
        Assert.Equal("config/samples", path);

        // directory.recurse is false: Argo CD reads the folder's own files (config/samples/sandbox is another set).
        Assert.False(application["spec"]!["source"]!["directory"]!["recurse"]!.GetValue<bool>());
        var files = Directory.GetFiles(RepositoryPaths.Combine(path), "*.yaml");
        var report = new ManifestValidator(KindSchemaSet.LlmOperator).Validate([.. files.Select(ManifestLoader.Read)]);

        Assert.NotEmpty(files);
        Assert.True(report.IsValid, string.Join('\n', report.Diagnostics));
    }
}
