using System.CommandLine;
using LlmOperator.Manifests.Crds;

namespace LlmOperator.Cli;

/// <summary><c>llmop crds</c>: regenerates the CRD files and the API reference from the C# API types.</summary>
internal static class CrdsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder to write the CRD files into.",
            DefaultValueFactory = _ => Path.Combine("config", "crd", "bases"),
        };
        var reference = new Option<string>("--reference")
        {
            Description = "Markdown file to write the API reference into.",
            DefaultValueFactory = _ => ApiReference.DefaultPath,
        };
        var command = new Command("crds", "Regenerate the CustomResourceDefinitions, and the API reference, from the C# API types.") { output, reference };
        command.SetAction(parsed =>
        {
            foreach (var path in CrdFiles.WriteAll(parsed.GetValue(output)!))
            {
                parsed.InvocationConfiguration.Output.WriteLine($"wrote {path}");
            }

            parsed.InvocationConfiguration.Output.WriteLine($"wrote {ApiReference.Write(parsed.GetValue(reference)!)}");

            return LlmopCommand.Success;
        });
        return command;
    }
}
