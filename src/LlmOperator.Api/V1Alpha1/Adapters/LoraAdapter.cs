using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// A LoRA adapter served on top of the base model under its own model name. A new source or revision is
/// rolled out on its own, on the running pods: the new version is loaded under a canary name, judged by
/// its gates against the version that serves, then loaded under the adapter's name. The base model's
/// pods never restart for it.
/// </summary>
[CelRule(
    "self.source.matches('" + SourcePattern + "') && !self.source.contains('/../') && !self.source.endsWith('/..')",
    "source must be hf://org/repo (a Hugging Face repository), pvc://claim/path (a directory on a PersistentVolumeClaim) "
        + "or an https:// URL",
    FieldPath = ".source")]
public sealed class LoraAdapter
{
    /// <summary>The three forms of a source.</summary>
    public const string SourcePattern =
        "^(hf://[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*|pvc://[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[^\\\\s]+|https://[^\\\\s/?#]+[^\\\\s]*)$";

    /// <summary>The model name clients send for it; it may not be the base model's served name.</summary>
    [Required, MaxLength(MaxNameLength), RegularExpression(Patterns.DnsLabel)]
    public string Name { get; set; } = "";

    /// <summary>
    /// Where the adapter's weights are: hf://org/repo (vLLM downloads the default branch; with a revision, the pod's adapter
    /// loader fetches that revision), pvc://claim/path, or the https:// URL of a .tar.gz, .tgz, .tar or .zip archive of the
    /// adapter's directory (fetched by the pod's adapter loader).
    /// </summary>
    [Required, MaxLength(1024)]
    public string Source { get; set; } = "";

    /// <summary>
    /// A revision of the source to pin what is loaded: for hf://, a Hugging Face commit, branch or tag, which the pod's adapter
    /// loader fetches; for other sources, a label of the version (a new one is a new version).
    /// </summary>
    [MaxLength(256)]
    public string? Revision { get; set; }

    /// <summary>
    /// The gates that judge a new version against the one that serves (the first version is loaded without
    /// them) and what an Inconclusive verdict does. None: a new version is swapped in once it loads.
    /// </summary>
    public EvaluateStep? Evaluate { get; set; }

    /// <summary>The longest adapter name: a DNS label, as it also names the pods' annotations that record it and its runs.</summary>
    public const int MaxNameLength = 63;
}
