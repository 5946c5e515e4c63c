using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;
using LlmOperator.Api.Json;

namespace LlmOperator.Templates;

/// <summary>
/// Fluid set up as a sandbox: no file system (include/render find nothing), no access to .NET members,
/// a bound on steps and recursion so a loop cannot run away, and undefined variables as errors.
/// </summary>
public static class LiquidSandbox
{
    /// <summary>The most characters one rendered template may produce.</summary>
    public const int MaxOutputLength = 1024 * 1024;

    private static FluidParser Parser { get; } = new();

    private static TemplateOptions Options { get; } = new()
    {
        MaxSteps = 100_000,
        MaxRecursion = 20,
        StrictVariables = true,
        CultureInfo = CultureInfo.InvariantCulture,
        TimeZone = TimeZoneInfo.Utc,
        FileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
    };

    /// <summary>
    /// Compiles one text template: a template that does not parse throws <see cref="TemplateException"/>
    /// now; the renderer returned throws it when the variables do not render.
    /// </summary>
    public static Func<JsonObject?, string> Compile(string source, string where)
    {
        var template = Parse(source, where);
        return variables => Render(template, Context(variables, []), where);
    }

    /// <summary>Parses a template, or says where it does not parse.</summary>
    internal static IFluidTemplate Parse(string source, string where) =>
        Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new TemplateException($"{where} does not parse: {error}");

    /// <summary>A context holding the variables; <paramref name="optional"/> names render empty when not given.</summary>
    internal static TemplateContext Context(JsonObject? variables, IEnumerable<string> optional)
    {
        var context = new TemplateContext(Options);
        foreach (var name in optional)
        {
            context.SetValue(name, StringValue.Empty);
        }

        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                context.SetValue(name, FluidValue.Create(PlainValues.From(value), Options));
            }
        }

        return context;
    }

    /// <summary>Renders a parsed template; an undefined variable or a runaway loop is a <see cref="TemplateException"/>.</summary>
    internal static string Render(IFluidTemplate template, TemplateContext context, string where)
    {
        string text;
        try
        {
            text = template.Render(context);
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or FileNotFoundException)
        {
            throw new TemplateException($"{where} does not render: {Describe(e)}");
        }

        return text.Length <= MaxOutputLength
            ? text
            : throw new TemplateException($"{where} renders to {text.Length} characters, more than the limit of {MaxOutputLength}");
    }

    // Fluid words an undefined variable as "Undefined variable 'x'"; a missing required variable says it plainly.
    private static string Describe(Exception e)
    {
        const string Marker = "Undefined variable";
        var message = e.Message.TrimEnd('.');
        if (message.Contains(Marker, StringComparison.OrdinalIgnoreCase))
        {
            var start = message.IndexOfAny(['\'', '"']);
            var end = start < 0 ? -1 : message.IndexOfAny(['\'', '"'], start + 1);
            // A missing field of a variable (vars.missing) is named by Fluid's syntax node, not by its name.
            if (end > start && !message[(start + 1)..end].StartsWith("Fluid.", StringComparison.Ordinal))
            {
                return $"missing variable \"{message[(start + 1)..end]}\"";
            }

            return "a variable or field it reads is missing";
        }

        return char.ToLowerInvariant(message[0]) + message[1..];
    }
}
