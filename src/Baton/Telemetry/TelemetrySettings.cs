namespace Baton.Telemetry;

/// <summary>The telemetry options an observer copied when it was built (the options object may change afterwards).</summary>
/// <param name="IncludeContent">Whether message content goes on spans.</param>
/// <param name="DigestLength">How many hex characters of a payload digest go on handoff spans.</param>
internal sealed record TelemetrySettings(bool IncludeContent, int DigestLength);
