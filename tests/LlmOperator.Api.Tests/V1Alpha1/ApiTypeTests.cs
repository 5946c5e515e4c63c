using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Api.Tests.V1Alpha1;

public class ApiTypeTests
{
    [Fact]
    public void Every_schema_default_is_the_property_initializer()
    {
        var types = typeof(ModelDeployment).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ModelDeployment).Namespace
                && t.IsClass
                && !t.IsAbstract
                && t.GetConstructor(Type.EmptyTypes) is not null);
        var checkedCount = 0;
        foreach (var type in types)
        {
            var instance = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties())
            {
                if (property.GetCustomAttribute<DefaultValueAttribute>() is { } attribute)
                {
                    // An int-or-string default is written as the number or the string it holds.
                    var value = property.GetValue(instance);
                    Assert.True(
                        value is IntOrString intOrString
                            ? Convert.ToString(attribute.Value, CultureInfo.InvariantCulture) == intOrString.Value
                            : Equals(attribute.Value, value),
                        $"{type.Name}.{property.Name}: [DefaultValue({attribute.Value})] but initialised to {property.GetValue(instance)}");
                    checkedCount++;
                }
            }
        }

        Assert.True(checkedCount >= 15, $"only {checkedCount} defaults found");
    }

    [Fact]
    public void New_objects_carry_their_apiVersion_and_kind()
    {
        var run = new EvaluationRun();

        Assert.Equal("llmoperator.io/v1alpha1", run.ApiVersion);
        Assert.Equal("EvaluationRun", run.Kind);
    }
}
