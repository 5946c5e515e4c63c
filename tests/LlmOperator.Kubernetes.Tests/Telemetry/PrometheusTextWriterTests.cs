using LlmOperator.Kubernetes.Telemetry;
using LlmOperator.Testing;

namespace LlmOperator.Kubernetes.Tests.Telemetry;

public class PrometheusTextWriterTests
{
    [Fact]
    public void A_family_is_its_help_and_type_then_one_line_per_sample_in_the_text_format()
    {
        var text = Write(writer =>
        {
            var gauge = writer.Gauge("llmop_test_state", "A test: one line.\nAnd a back\\slash.");
            gauge.Sample(1, ("k8s_namespace_name", "team-a"), ("llmop_model", "chat"));
            gauge.Sample(0.25);
            gauge.Sample(double.NaN, ("kind", "nan"));
            gauge.Sample(double.PositiveInfinity, ("kind", "inf"));
            gauge.Sample(-3, ("kind", "negative"));
        });

        Assert.Equal(
            "# HELP llmop_test_state A test: one line.\\nAnd a back\\\\slash.\n"
            + "# TYPE llmop_test_state gauge\n"
            + "llmop_test_state{k8s_namespace_name=\"team-a\",llmop_model=\"chat\"} 1\n"
            + "llmop_test_state 0.25\n"
            + "llmop_test_state{kind=\"nan\"} NaN\n"
            + "llmop_test_state{kind=\"inf\"} +Inf\n"
            + "llmop_test_state{kind=\"negative\"} -3\n",
            text);
    }

    [Fact]
    public void Label_values_are_escaped_and_labels_without_a_value_are_empty()
    {
        var text = Write(writer => writer.Gauge("g", "h").Sample(
            2, ("quoted", "say \"hi\""), ("missing", null), ("empty", ""), ("path", "C:\\models\nnext")));

        Assert.EndsWith("g{quoted=\"say \\\"hi\\\"\",missing=\"\",empty=\"\",path=\"C:\\\\models\\nnext\"} 2\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-1.7976931348623157E+308, "-1.7976931348623157E+308")]
    [InlineData(5e-324, "5E-324")]
    [InlineData(1234567, "1234567")]
    public void Values_are_written_to_round_trip(double value, string written) =>
        Assert.Equal($"g {written}\n", Write(writer => writer.Gauge("g", "h").Sample(value)).Split('\n', 3)[2]);

    [Fact]
    public void Every_special_character_of_a_label_value_is_escaped_where_it_is()
    {
        var text = Write(writer => writer.Gauge("g", "h").Sample(1, ("v", "\"a\\b\nc\"")));

        Assert.EndsWith("g{v=\"\\\"a\\\\b\\nc\\\"\"} 1\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("with-dash")]
    [InlineData("with.dot")]
    [InlineData("")]
    public void Names_that_prometheus_would_reject_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => Write(writer => writer.Gauge(name, "h")));
        Assert.Throws<ArgumentException>(() => Write(writer => writer.Gauge("g", "h").Sample(1, (name, "v"))));
    }

    [Fact]
    public void Metric_names_may_have_colons_and_label_names_may_not()
    {
        Assert.Contains("job:llmop_test:sum 1\n", Write(writer => writer.Gauge("job:llmop_test:sum", "h").Sample(1)), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Write(writer => writer.Gauge("g", "h").Sample(1, ("a:b", "v"))));
    }

    [Fact]
    public void A_counter_family_is_typed_counter_and_its_name_must_end_in_total()
    {
        var text = Write(writer => writer.Counter("llmop_test_decisions_total", "Decisions.").Sample(3, ("reason", "RolloutAborted")));

        Assert.Equal(
            "# HELP llmop_test_decisions_total Decisions.\n# TYPE llmop_test_decisions_total counter\n"
            + "llmop_test_decisions_total{reason=\"RolloutAborted\"} 3\n",
            text);
        Assert.Throws<ArgumentException>(() => Write(writer => writer.Counter("llmop_test_decisions", "Decisions.")));
    }

    [Fact]
    public void What_it_writes_reads_back_with_the_same_labels_and_values()
    {
        var text = Write(writer =>
        {
            writer.Gauge("g", "h").Sample(0.5, ("path", "C:\\models\n\"next\""), ("braces", "{a=\"b\"}"));
            writer.Counter("c_total", "h").Sample(2);
        });

        var samples = PrometheusSample.Parse(text);

        Assert.Equal(2, samples.Count);
        Assert.Equal(("g", "0.5"), (samples[0].Name, samples[0].Value));
        Assert.Equal("C:\\models\n\"next\"", samples[0].Labels["path"]);
        Assert.Equal("{a=\"b\"}", samples[0].Labels["braces"]);
        Assert.Equal(("c_total", "2"), (samples[1].Name, samples[1].Value));
        Assert.Empty(samples[1].Labels);
    }

    private static string Write(Action<PrometheusTextWriter> write)
    {
        using var text = new StringWriter { NewLine = "\n" };
        write(new PrometheusTextWriter(text));
        return text.ToString();
    }
}
