using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>A PromQL query of a Prometheus server's HTTP API.</summary>
public sealed class PrometheusQuery
{
    /// <summary>The server's base URL, for example http://prometheus-operated.monitoring.svc:9090; the evaluation Job must reach it.</summary>
    [Required, MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    public string Address { get; set; } = "";

    /// <summary>
    /// The PromQL query, a Liquid template over the run: <c>namespace</c>, <c>model</c>, <c>candidate.revision</c>,
    /// <c>baseline.revision</c>, and <c>candidate.selector</c> and <c>baseline.selector</c>, the label matchers of
    /// each revision's series (<c>namespace="...",llmoperator_model="...",llmoperator_revision="..."</c>).
    /// </summary>
    [Required, MinLength(1), MaxLength(8192)]
    public string Query { get; set; } = "";

    /// <summary>How long Prometheus may take to answer one query.</summary>
    [MaxLength(64), RegularExpression(Patterns.Duration), DefaultValue("30s")]
    public string Timeout { get; set; } = "30s";

    /// <summary>Query a window ending at each measurement instead of the instant: <c>result</c> is then the list of the values.</summary>
    public QueryRange? Range { get; set; }
}
