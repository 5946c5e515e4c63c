using System.CommandLine;
using LlmOperator.Api.Crds;

namespace LlmOperator.Cli;

/// <summary><c>llmop crds</c>: regenerates the CRD files from the C# API types.</summary>
internal static class CrdsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder to write the CRD files into.",
            DefaultValueFactory = _ => Path.Combine("config", "crd", "bases"),
        };
        var command = new Command("crds", "Regenerate the CustomResourceDefinitions from the C# API types.") { output };
        command.SetAction(parsed =>
        {
            foreach (var path in CrdFiles.WriteAll(parsed.GetValue(output)!))
            {
                parsed.InvocationConfiguration.Output.WriteLine($"wrote {path}");
            }

            return LlmopCommand.Success;
        });
        return command;
    }
}
