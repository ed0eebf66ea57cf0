namespace Baton;

/// <summary>What <see cref="JsonObjectExtractor"/> found in a reply.</summary>
internal enum JsonExtractionStatus
{
    /// <summary>Exactly one candidate value: <see cref="JsonExtraction.Value"/>.</summary>
    Found = 0,

    /// <summary>No JSON value of the wanted kind anywhere in the reply.</summary>
    NoJson,

    /// <summary>The reply (or a fenced block in it) is valid JSON, but not of the wanted kind (an array or a string where an object was wanted).</summary>
    WrongKind,

    /// <summary>The reply holds more than one different candidate value, so which one is meant cannot be told.</summary>
    Ambiguous,

    /// <summary>The reply holds text no JSON encoder can carry: a lone UTF-16 surrogate, raw or as a <c>\u</c> escape.</summary>
    InvalidText,

    /// <summary>The reply is longer than <see cref="JsonObjectExtractor.MaxReplyChars"/>.</summary>
    TooLarge,
}
