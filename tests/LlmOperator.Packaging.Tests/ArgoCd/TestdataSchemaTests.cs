using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// Every testdata object is one the API server would accept: validated as llmop validate does, with the
/// CRDs' structural schemas (status included), defaults and CEL rules, so that the health checks are
/// tried on real fields and not on fields the operator never writes. Each stands alone, as the API server
/// sees it: the gates and components it names are not in the testdata.
/// </summary>
public sealed class TestdataSchemaTests
{
    public static TheoryData<string> Files() => [.. ArgoCdCustomizations.AllTestdata()];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_testdata_object_validates_against_the_crds(string relativePath)
    {
        var path = Path.Combine(ArgoCdCustomizations.Root, relativePath);
        var report = new ManifestValidator(KindSchemaSet.LlmOperator, crossReferences: false).Validate([ManifestLoader.Read(path)]);

        Assert.Equal([], report.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Note).Select(d => d.ToString()).ToArray());
        Assert.Equal(1, report.Objects);
    }

    [Fact]
    public void A_field_the_crd_does_not_know_is_reported()
    {
        using var dir = new LlmOperator.Testing.TempDirectory();
        var text = File.ReadAllText(Path.Combine(ArgoCdCustomizations.KindFolder("ModelDeployment"), "testdata", "healthy.yaml"));
        var file = dir.Write("typo.yaml", text.Replace("  stableRevision:", "  stableRevison:", StringComparison.Ordinal));

        var report = new ManifestValidator(KindSchemaSet.LlmOperator, crossReferences: false).Validate([ManifestLoader.Read(file)]);

        Assert.Contains(report.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.ToString().Contains("stableRevison", StringComparison.Ordinal));
    }
}
