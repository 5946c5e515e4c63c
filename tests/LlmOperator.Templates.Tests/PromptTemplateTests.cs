using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Templates.Tests;

public class PromptTemplateTests
{
    private static PromptVersionSpec Prompt(string content, List<PromptVariable>? variables = null, PromptParameters? parameters = null) => new()
    {
        PromptName = "support-answer",
        Version = 2,
        Messages =
        [
            new PromptMessage { Role = MessageRole.System, Content = "You support {{ product | upcase }}." },
            new PromptMessage { Role = MessageRole.User, Content = content },
        ],
        Variables = variables,
        Parameters = parameters,
    };

    [Fact]
    public void Messages_render_with_the_cases_variables()
    {
        var template = PromptTemplate.FromPromptVersion(
            Prompt("{{ question }} ({% for t in tags %}{{ t }}{% unless forloop.last %}, {% endunless %}{% endfor %})"));

        var rendered = template.Render(new JsonObject
        {
            ["product"] = "billing",
            ["question"] = "Can I pay in euros?",
            ["tags"] = new JsonArray("eur", "invoice"),
        });

        Assert.Equal("system", rendered.Messages[0].Role);
        Assert.Equal("You support BILLING.", rendered.Messages[0].Content);
        Assert.Equal("Can I pay in euros? (eur, invoice)", rendered.Messages[1].Content);
    }

    [Fact]
    public void A_missing_required_variable_is_named()
    {
        var template = PromptTemplate.FromPromptVersion(
            Prompt("{{ question }}", [new PromptVariable { Name = "question" }, new PromptVariable { Name = "product" }]));

        var error = Assert.Throws<TemplateException>(() => template.Render(new JsonObject { ["other"] = 1 }));

        Assert.Equal("prompt support-answer v2: missing required variables \"question\", \"product\"", error.Message);
    }

    [Fact]
    public void A_variable_the_template_uses_but_nobody_gives_is_an_error_not_an_empty_string()
    {
        var template = PromptTemplate.FromPromptVersion(Prompt("{{ question }}"));

        var error = Assert.Throws<TemplateException>(() => template.Render(new JsonObject { ["question"] = "q" }));

        Assert.Equal("prompt support-answer v2 message 1 does not render: missing variable \"product\"", error.Message);
    }

    [Fact]
    public void Optional_variables_render_empty()
    {
        var template = PromptTemplate.FromPromptVersion(Prompt(
            "{{ question }}{{ context }}",
            [
                new PromptVariable { Name = "question" },
                new PromptVariable { Name = "product" },
                new PromptVariable { Name = "context", Required = false },
            ]));

        Assert.Equal("q", template.Render(new JsonObject { ["question"] = "q", ["product"] = "p" }).Messages[1].Content);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_refused_when_compiled()
    {
        var error = Assert.Throws<TemplateException>(() => PromptTemplate.FromPromptVersion(Prompt("{% if question %}no end")));

        Assert.StartsWith("prompt support-answer v2 message 2 does not parse: ", error.Message);
    }

    [Fact]
    public void The_sandbox_reads_no_files_and_stops_runaway_loops()
    {
        var include = PromptTemplate.FromMessages(
            "case \"x\" messages", [new PromptMessage { Role = MessageRole.User, Content = "{% include '/etc/passwd' %}" }]);
        Assert.DoesNotContain("root:", Render(include));

        var loop = PromptTemplate.FromMessages(
            "case \"x\" messages", [new PromptMessage { Role = MessageRole.User, Content = "{% for i in (1..10000000) %}x{% endfor %}" }]);
        var error = Assert.Throws<TemplateException>(() => loop.Render(null));
        Assert.StartsWith("case \"x\" messages message 1 does not render: ", error.Message);
    }

    [Fact]
    public void Parameters_become_request_fields_and_their_strings_render()
    {
        var parameters = new PromptParameters { Temperature = 0.2, MaxTokens = 256, Stop = ["{{ stop_word }}"], Seed = 7 };
        var template = PromptTemplate.FromPromptVersion(Prompt("{{ question }}", parameters: parameters));

        var rendered = template.Render(new JsonObject { ["question"] = "q", ["product"] = "p", ["stop_word"] = "END" });

        Assert.Equal("""{"temperature":0.2,"max_tokens":256,"seed":7,"stop":["END"]}""", rendered.Parameters!.ToJsonString());
        Assert.Equal("{{ stop_word }}", template.StaticParameters!["stop"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Tools_and_tool_choice_go_out_as_written_and_a_case_s_parameters_replace_the_prompt_s_one_by_one()
    {
        var tool = JsonNode.Parse("""{"type":"function","function":{"name":"get_weather"}}""")!;
        var prompt = OpenAiParameters.From(new PromptParameters { Temperature = 0.2, Tools = [tool], ToolChoice = "required" });
        var own = OpenAiParameters.From(new PromptParameters { ToolChoice = JsonNode.Parse("""{"type":"function","function":{"name":"get_weather"}}""") });

        var merged = OpenAiParameters.Merge(prompt, own);

        Assert.Equal(
            """{"temperature":0.2,"tools":[{"type":"function","function":{"name":"get_weather"}}],"tool_choice":"required"}""",
            prompt!.ToJsonString());
        Assert.Equal(
            """{"temperature":0.2,"tools":[{"type":"function","function":{"name":"get_weather"}}],""" +
                "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}}",
            merged!.ToJsonString());
        Assert.Same(prompt, OpenAiParameters.Merge(prompt, null));
        Assert.Equal(own!.ToJsonString(), OpenAiParameters.Merge(null, own)!.ToJsonString());
    }

    private static string Render(PromptTemplate template)
    {
        try
        {
            return template.Render(null).Messages[0].Content;
        }
        catch (TemplateException e)
        {
            return e.Message;
        }
    }
}
