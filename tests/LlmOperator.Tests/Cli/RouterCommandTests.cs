using LlmOperator.Cli;
using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

// llmop router refuses what it cannot serve before it listens, with the reason.
public class RouterCommandTests
{
    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Task.Run(() => LlmopCommand.Run(args, output, error));
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("not json", "llmop router: ")]
    [InlineData(
        """{"name":"p","pipeline":{"steps":[{"name":"a","call":{"modelRef":{"name":"writer"}}}]},"components":{}}""",
        "llmop router: the router configuration has no endpoint for writer\n")]
    [InlineData(
        """{"name":"p","pipeline":{"steps":[{"name":"a","switch":[{"when":"steps.b.output == ''","respond":"x"}]}]}}""",
        "llmop router: spec.pipeline.steps[0].switch[0].when: reads steps.b, but no step has that name\n")]
    public async Task A_configuration_it_cannot_serve_exits_1_with_why(string configuration, string expected)
    {
        using var folder = new TempDirectory();

        var (code, error) = await RunAsync("router", "--config", folder.Write("router.json", configuration), "--port", "0");

        Assert.Equal(1, code);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configuration_it_says_where_it_looks()
    {
        var (code, error) = await RunAsync("router", "--port", "0");

        Assert.Equal((1, "llmop router: give --config FILE or the configuration in $LLMOP_ROUTER_CONFIG\n"), (code, error));
    }
}
