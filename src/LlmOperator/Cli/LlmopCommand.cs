using System.CommandLine;
using LlmOperator.Evaluation.Telemetry;

namespace LlmOperator.Cli;

/// <summary>The <c>llmop</c> command line: one executable for every role of the operator.</summary>
internal static class LlmopCommand
{
    /// <summary>Exit code of a command that succeeded.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a command that ran and found a problem (for example invalid manifests).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command line that could not be understood.</summary>
    public const int UsageError = 2;

    /// <summary>Parses and runs a command line, writing to the given streams, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("llmop: progressive delivery for LLM applications on Kubernetes.");
        foreach (var command in Commands(args))
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        StartupTrace.Mark("command line parsed");
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"llmop: {parseError.Message}");
            }

            error.WriteLine("Run 'llmop --help' for usage.");
            return UsageError;
        }

        // SIGTERM cancels the running command; the operator then needs time to finish its reconciles and
        // release its Lease, so System.CommandLine waits up to a minute before giving up on it.
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
    }

    // Only the command asked for is built when the first argument names one: an evaluation Job's start then
    // neither loads the controllers nor compiles the options of twelve other commands. Help, a mistyped or
    // no command see them all.
    private static IEnumerable<Command> Commands(string[] args)
    {
        var factories = new Dictionary<string, Func<Command>>(StringComparer.Ordinal)
        {
            ["crds"] = CrdsCommand.Create,
            ["validate"] = ValidateCommand.Create,
            ["sandbox"] = SandboxCommand.Create,
            ["eval"] = EvalCommand.Create,
            ["mock-llm"] = MockLlmCommand.Create,
            ["router"] = RouterCommand.Create,
            ["adapter-loader"] = AdapterLoaderCommand.Create,
            ["operator"] = OperatorCommand.Create,
            ["promote"] = PromoteCommand.Create,
            ["abort"] = AbortCommand.Create,
            ["retry"] = RetryCommand.Create,
            ["status"] = StatusCommand.Create,
            ["dashboard"] = DashboardCommand.Create,
        };
        return args.Length > 0 && factories.TryGetValue(args[0], out var asked) ? [asked()] : factories.Values.Select(create => create());
    }
}
