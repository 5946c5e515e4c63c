using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Engines;

/// <summary>
/// What serving LoRA adapters adds to a revision's pods, as vLLM's docs ask
/// (https://docs.vllm.ai/en/latest/features/lora/): --enable-lora with --max-loras and --max-lora-rank, runtime
/// loading switched on by VLLM_ALLOW_RUNTIME_LORA_UPDATING=True, and each PersistentVolumeClaim an adapter comes
/// from mounted read-only under /adapters/CLAIM. That, and never the adapters themselves, is part of the
/// revision: adding, changing or removing an adapter of a claim already mounted restarts no pod.
/// </summary>
internal static class LoraServing
{
    /// <summary>The label of the pods that serve adapters (not part of their Deployment's selector).</summary>
    public const string PodLabel = "llmoperator.io/lora";

    /// <summary>
    /// The pod condition of the readiness gate that keeps a pod out of its Services until the operator has loaded the
    /// adapters onto it (see the adapter planner's readiness).
    /// </summary>
    public const string ReadinessGate = "llmoperator.io/adapters-loaded";

    /// <summary>The environment variable that makes vLLM serve /v1/load_lora_adapter and /v1/unload_lora_adapter.</summary>
    public const string RuntimeUpdating = "VLLM_ALLOW_RUNTIME_LORA_UPDATING";

    /// <summary>Whether the spec serves adapters: spec.adapters is set (an empty list too) or spec.lora is.</summary>
    public static bool Enabled(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Adapters is not null || spec.Lora is not null;
    }

    /// <summary>The server arguments that enable LoRA with its capacity; none when LoRA is off.</summary>
    public static IReadOnlyList<string> Args(ModelDeploymentSpec spec)
    {
        if (!Enabled(spec))
        {
            return [];
        }

        var settings = spec.Lora ?? new LoraSettings();
        return
        [
            "--enable-lora",
            "--max-loras", settings.MaxLoras.ToString(CultureInfo.InvariantCulture),
            "--max-lora-rank", settings.MaxLoraRank.ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>The environment that turns runtime loading on; none when LoRA is off.</summary>
    public static IReadOnlyList<V1EnvVar> Env(ModelDeploymentSpec spec) =>
        Enabled(spec) ? [new V1EnvVar { Name = RuntimeUpdating, Value = "True" }] : [];

    /// <summary>The claims adapters come from, sorted, once each.</summary>
    public static IReadOnlyList<string> Claims(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. (spec.Adapters ?? []).Select(a => AdapterSource.Claim(a.Source)).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Labels the pods of <paramref name="template"/> as serving adapters (so that the operator watches them, and no
    /// other pods), gates their readiness on the adapters being loaded (so that no request for an adapter reaches a
    /// pod before it serves it), mounts each claim read-only under /adapters in <paramref name="server"/>, its engine's
    /// container, and adds the profile's adapter loader.
    /// </summary>
    public static void AddTo(ModelDeploymentSpec spec, ServingProfile profile, V1PodTemplateSpec template, V1Container server)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(server);
        if (!Enabled(spec))
        {
            return;
        }

        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>()) { [PodLabel] = "true" };
        (template.Spec.ReadinessGates ??= []).Add(new V1PodReadinessGate { ConditionType = ReadinessGate });
        foreach (var claim in Claims(spec))
        {
            var volume = VolumeName(claim);
            (template.Spec.Volumes ??= []).Add(new V1Volume
            {
                Name = volume,
                PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim, ReadOnlyProperty = true },
            });
            (server.VolumeMounts ??= []).Add(new V1VolumeMount { Name = volume, MountPath = $"{AdapterSource.PvcMountRoot}/{claim}", ReadOnlyProperty = true });
        }

        profile.AdapterLoader?.AddTo(spec, template, server);
    }

    /// <summary>What of LoRA shapes the pods, for the revision hash: null when LoRA is off, so that other specs keep their revision.</summary>
    public static object? RevisionShape(ModelDeploymentSpec spec) =>
        Enabled(spec) ? new { spec.Lora, Claims = Claims(spec) } : null;

    // A claim name is a DNS subdomain of up to 253 characters; a volume name is a DNS label.
    private static string VolumeName(string claim) =>
        "lora-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(claim)))[..10].ToLowerInvariant();
}
