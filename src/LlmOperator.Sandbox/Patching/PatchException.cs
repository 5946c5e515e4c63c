namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// A patch that was refused. Carries everything the PATCH handler needs to answer with the Status object
/// the real API server would send: code, reason, message and causes.
/// </summary>
internal sealed class PatchException : Exception
{
    /// <summary>The message the real API server puts in the Status of every 422 a patch causes.</summary>
    public const string GenericInvalidMessage = "the server rejected our request due to an error in our request";

    /// <summary>Creates a refusal whose Status message is the detailed message.</summary>
    public PatchException(PatchFailure failure, string message)
        : this(failure, message, message, [])
    {
    }

    /// <summary>Creates a refusal whose Status message differs from the detailed message, with causes.</summary>
    public PatchException(PatchFailure failure, string message, string statusMessage, IReadOnlyList<PatchStatusCause> causes)
        : base(message)
    {
        Failure = failure;
        StatusMessage = statusMessage;
        Causes = causes;
    }

    /// <summary>Why the patch was refused.</summary>
    public PatchFailure Failure { get; }

    /// <summary>
    /// The Status message as the real API server words it. It can be less precise than <see cref="Exception.Message"/>:
    /// a JSON patch that does not apply is answered only with <see cref="GenericInvalidMessage"/>.
    /// </summary>
    public string StatusMessage { get; }

    /// <summary>The Status's <c>details.causes</c>; empty unless the apply conflicted.</summary>
    public IReadOnlyList<PatchStatusCause> Causes { get; }

    /// <summary>The HTTP status code: 400, 422, 409 or 415.</summary>
    public int StatusCode => Failure switch
    {
        PatchFailure.Malformed => 400,
        PatchFailure.NotApplicable => 422,
        PatchFailure.Conflict => 409,
        _ => 415,
    };

    /// <summary>The Status reason: BadRequest, Invalid, Conflict or UnsupportedMediaType.</summary>
    public string Reason => Failure switch
    {
        PatchFailure.Malformed => "BadRequest",
        PatchFailure.NotApplicable => "Invalid",
        PatchFailure.Conflict => "Conflict",
        _ => "UnsupportedMediaType",
    };

    internal static PatchException Malformed(string message) => new(PatchFailure.Malformed, message);

    internal static PatchException NotApplicable(string message) => new(PatchFailure.NotApplicable, message);

    /// <summary>A 422 worded as the API server words JSON patch failures: the detail stays out of the Status.</summary>
    internal static PatchException Rejected(string message) => new(PatchFailure.NotApplicable, message, GenericInvalidMessage, []);
}
