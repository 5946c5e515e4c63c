using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Datasets;

/// <summary>The cases of a dataset, checked and ready to run.</summary>
/// <param name="Cases">The cases, in the order they were written.</param>
/// <param name="Sha256">The lowercase hex SHA-256 of the dataset's bytes (inline cases: of their JSON).</param>
/// <param name="Source">Where the dataset came from.</param>
public sealed record LoadedDataset(IReadOnlyList<EvaluationCase> Cases, string Sha256, string Source);
