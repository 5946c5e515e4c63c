using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmOperator.Kubernetes.Tests.Hosting;

public class SlimWebHostTests
{
    [Fact]
    public void The_operator_host_reads_its_settings_files_once_and_watches_none_of_them()
    {
        var builder = OperatorHost.CreateBuilder(_ => { }, args: ["--Logging:LogLevel:Default=Warning"]);

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.ReloadOnChange, $"{file.Path} is watched for changes"));
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Default"]);
    }
}
