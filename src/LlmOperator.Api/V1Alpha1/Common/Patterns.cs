namespace LlmOperator.Api.V1Alpha1;

/// <summary>Regular expressions shared by the schema attributes (ECMAScript-compatible, as CRDs require).</summary>
public static class Patterns
{
    /// <summary>A DNS-1123 label: what Kubernetes accepts as a Service name or a label value component.</summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>A DNS-1123 subdomain: what Kubernetes accepts as the name of most objects.</summary>
    public const string DnsSubdomain = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A duration in Go's notation, for example 30s, 5m or 1h30m.</summary>
    public const string Duration = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>An HTTP or HTTPS URL.</summary>
    public const string HttpUrl = "^https?://[^\\s/$.?#][^\\s]*$";

    /// <summary>An absolute URL path.</summary>
    public const string UrlPath = "^/[^\\s]*$";

    /// <summary>A size as Kubernetes writes quantities of bytes, for example 2Gi, 500Mi or 40G.</summary>
    public const string Quantity = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";

    /// <summary>A lowercase hexadecimal SHA-256 digest.</summary>
    public const string Sha256 = "^[a-f0-9]{64}$";

    /// <summary>An identifier usable as a template variable or metric name.</summary>
    public const string Identifier = "^[A-Za-z_][A-Za-z0-9_.-]*$";

    /// <summary>A name CEL can select as a field (steps.NAME.output): letters, digits and underscores.</summary>
    public const string CelIdentifier = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>A five-field cron expression or one of the @hourly-style macros.</summary>
    public const string Cron = "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\\S+\\s+){4}\\S+)$";

    /// <summary>A condition type: CamelCase, optionally prefixed with a DNS subdomain.</summary>
    public const string ConditionType = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";

    /// <summary>A condition reason: CamelCase.</summary>
    public const string ConditionReason = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";
}
