using Baton.Resilience;

namespace Baton.Providers;

/// <summary>
/// Recognises a provider error that reports a failure of the model's output rather than of the service: for example
/// llama.cpp's <c>500 "The model produced output that does not match the expected ... format"</c> when a grammar- or
/// schema-constrained generation could not be parsed. Retrying such a call with backoff burns time on the same
/// failure; it is an unusable reply, which the agent turn re-asks or sends to its fallback.
/// </summary>
internal static class ModelOutputErrors
{
    // Phrases servers use for "the model's output could not be parsed into what was requested".
    private static readonly string[] s_phrases =
    [
        "produced output that does not match the expected",
        "Failed to parse tool call arguments",
    ];

    public static ModelOutputException? TryConvert(ModelProviderException error)
    {
        if (error.StatusCode is not { } status || (int)status < 400
            || !s_phrases.Any(p => error.Message.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return new ModelOutputException(
            $"The model's output did not match the requested format ({error.Message}) This is an unusable reply, not an outage: " +
            "it is not retried with backoff; the agent is asked again or its fallback is used.",
            error);
    }
}
