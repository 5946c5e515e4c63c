using LlmOperator.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmOperator.Sandbox.Tests.Hosting;

public class SandboxWebHostTests
{
    [Fact]
    public void The_sandbox_host_reads_its_settings_files_once_and_watches_none_of_them()
    {
        var builder = SandboxWebHost.CreateBuilder();

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.ReloadOnChange, $"{file.Path} is watched for changes"));
    }
}
