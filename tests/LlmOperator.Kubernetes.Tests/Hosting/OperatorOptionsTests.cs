using System.ComponentModel.DataAnnotations;
using LlmOperator.Kubernetes.Hosting;

namespace LlmOperator.Kubernetes.Tests.Hosting;

public class OperatorOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Validate(new OperatorOptions()));

    [Fact]
    public void Out_of_range_settings_are_named()
    {
        var options = new OperatorOptions { WorkersPerController = 0, HealthPort = 70000 };

        var members = Validate(options).SelectMany(r => r.MemberNames).Order();

        Assert.Equal(["HealthPort", "WorkersPerController"], members);
    }

    [Fact]
    public void Bad_namespaces_and_nested_settings_are_named()
    {
        var options = new OperatorOptions();
        options.Namespaces.Add("Not_A_Namespace");
        options.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(5);
        options.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(10);
        options.Informers.InitialBackoff = TimeSpan.FromSeconds(10);
        options.Informers.MaxBackoff = TimeSpan.FromSeconds(1);

        var members = Validate(options).SelectMany(r => r.MemberNames).ToList();

        Assert.Contains("Namespaces", members);
        Assert.Contains("LeaderElection.LeaseDuration", members);
        Assert.Contains("Informers.MaxBackoff", members);
    }

    [Fact]
    public void The_renew_deadline_must_leave_room_for_jittered_retries()
    {
        var options = new OperatorOptions();
        options.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(2);
        options.LeaderElection.RetryPeriod = TimeSpan.FromSeconds(2);

        Assert.Contains(Validate(options), r => r.MemberNames.Contains("LeaderElection.RenewDeadline"));
    }

    private static List<ValidationResult> Validate(OperatorOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
