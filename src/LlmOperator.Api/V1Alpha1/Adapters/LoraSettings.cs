using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// How many LoRA adapters the server holds at once and how large they may be (vLLM's --max-loras and
/// --max-lora-rank). Part of the revision: a change restarts the base model, an adapter change does not.
/// </summary>
[CelRule(
    "self.maxLoraRank in [8, 16, 32, 64, 128, 256, 320, 512]",
    "maxLoraRank must be one of the ranks vLLM accepts: 8, 16, 32, 64, 128, 256, 320 or 512",
    FieldPath = ".maxLoraRank")]
public sealed class LoraSettings
{
    /// <summary>The default of <see cref="MaxLoras"/>: an adapter and its canary in one batch, for two adapters.</summary>
    public const int DefaultMaxLoras = 4;

    /// <summary>The default of <see cref="MaxLoraRank"/>, vLLM's own.</summary>
    public const int DefaultMaxLoraRank = 16;

    /// <summary>How many adapters one batch may use (--max-loras); each rollout adds a canary for a while.</summary>
    [Range(1, 256), DefaultValue(DefaultMaxLoras)]
    public int MaxLoras { get; set; } = DefaultMaxLoras;

    /// <summary>The highest rank of an adapter the server accepts (--max-lora-rank).</summary>
    [DefaultValue(DefaultMaxLoraRank)]
    public int MaxLoraRank { get; set; } = DefaultMaxLoraRank;
}
