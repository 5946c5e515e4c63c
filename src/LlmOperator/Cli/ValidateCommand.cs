using System.CommandLine;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop validate PATH...</c>: checks manifests offline against the CRDs' schemas and rules, and
/// across files (and the files of --references), before Argo CD syncs them. YAML that is no Kubernetes object
/// is skipped with a note. Exit code 0 when valid, 1 when not, 2 for a usage error.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "YAML files or folders (searched recursively for *.yaml and *.yml).",
            Arity = ArgumentArity.OneOrMore,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not print notes about skipped documents." };
        var references = new Option<string[]>("--references")
        {
            Description = "Files or folders whose objects references may name (a gate defined in a file the commit does not change); "
                + "they are read, not reported on. For pre-commit, which passes only the changed files: --references .",
        };
        var command = new Command("validate", "Validate manifests offline with the same schemas and rules as the CRDs.") { paths, quiet, references };
        command.SetAction(parsed => Run(parsed.GetValue(paths)!, parsed.GetValue(references) ?? [], parsed.GetValue(quiet), parsed.InvocationConfiguration));
        return command;
    }

    private static int Run(string[] paths, string[] references, bool quiet, InvocationConfiguration console)
    {
        IReadOnlyList<string> files;
        IReadOnlyList<string> context;
        try
        {
            files = ManifestLoader.Expand(paths);
            context = ManifestLoader.Expand(references);
        }
        catch (FileNotFoundException e)
        {
            console.Error.WriteLine($"llmop validate: {e.Message}");
            return LlmopCommand.UsageError;
        }

        if (files.Count == 0)
        {
            console.Error.WriteLine($"llmop validate: no *.yaml or *.yml files in {string.Join(", ", paths)}");
            return LlmopCommand.UsageError;
        }

        var report = new ManifestValidator(KindSchemaSet.LlmOperator)
            .Validate([.. files.Select(ManifestLoader.Read)], [.. context.Select(ManifestLoader.Read)]);
        foreach (var diagnostic in report.Diagnostics.Where(d => !quiet || d.Severity == DiagnosticSeverity.Error))
        {
            console.Output.WriteLine(diagnostic);
        }

        console.Output.WriteLine(
            $"{Plural(report.ErrorCount, "error")} in {Plural(report.Objects, "object")} from {Plural(report.Files, "file")}");
        return report.IsValid ? LlmopCommand.Success : LlmopCommand.Failure;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
