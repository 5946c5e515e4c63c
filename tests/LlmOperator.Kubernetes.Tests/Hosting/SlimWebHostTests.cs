using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmOperator.Kubernetes.Tests.Hosting;

public class SlimWebHostTests
{
    [Fact]
    public void A_web_host_reads_its_settings_files_once_and_watches_none_of_them()
    {
        var builder = SlimWebHost.CreateBuilder(["--Logging:LogLevel:Default=Warning"]);

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.ReloadOnChange, $"{file.Path} is watched for changes"));
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void The_operator_host_reads_no_settings_files_and_takes_its_settings_from_the_arguments_and_the_environment()
    {
        var variable = $"LLMOP_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "from the environment");
        try
        {
            var builder = OperatorHost.CreateBuilder(_ => { }, args: ["--Logging:LogLevel:Default=Warning"]);

            Assert.Empty(((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>());
            Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Default"]);
            Assert.Equal("from the environment", builder.Configuration[variable]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
