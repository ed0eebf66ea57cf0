using System.Text.Json;

namespace Baton;

/// <summary>The outcome of looking for a JSON value in a model's reply.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Value">The value (detached from any document) when <paramref name="Status"/> is <see cref="JsonExtractionStatus.Found"/>.</param>
/// <param name="Detail">
/// For <see cref="JsonExtractionStatus.InvalidText"/>, where the bad text is (a JSON Pointer, or a character index in
/// the reply); otherwise empty.
/// </param>
internal readonly record struct JsonExtraction(JsonExtractionStatus Status, JsonElement Value = default, string Detail = "")
{
    /// <summary>Gets whether exactly one value was found.</summary>
    public bool IsFound => Status == JsonExtractionStatus.Found;

    /// <summary>Describes a failed extraction as the start of a re-ask message (one sentence, no trailing space).</summary>
    /// <param name="wanted">What was wanted, for example <c>"JSON object"</c>.</param>
    /// <param name="subject">How the message names the reply: <c>"Your reply"</c> to the model, <c>"The reply"</c> in logs.</param>
    /// <returns>The sentence.</returns>
    public string Describe(string wanted, string subject = "Your reply") => Status switch
    {
        JsonExtractionStatus.NoJson => $"{subject} holds no valid {wanted}.",
        JsonExtractionStatus.WrongKind => $"{subject} is JSON but not a {wanted}.",
        JsonExtractionStatus.Ambiguous => $"{subject} holds more than one different JSON value, so which one is the answer cannot be told; answer with exactly one {wanted} (do not quote earlier answers or examples).",
        JsonExtractionStatus.InvalidText => $"{subject} holds text that is not valid Unicode (a lone UTF-16 surrogate, written raw or as a \\u escape, at {Detail}); write characters directly or as complete surrogate pairs.",
        JsonExtractionStatus.TooLarge => $"{subject} is longer than the {JsonObjectExtractor.MaxReplyChars:N0} characters read as JSON; answer with a shorter {wanted}.",
        _ => string.Empty,
    };
}
