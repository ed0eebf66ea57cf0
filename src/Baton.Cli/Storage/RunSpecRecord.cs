namespace Baton.Cli.Storage;

/// <summary>The spec a run was started from.</summary>
/// <param name="SpecPath">The spec file's full path.</param>
/// <param name="SpecHash">The SHA-256 of the spec's text when the run started.</param>
/// <param name="Model">The <c>--model</c> override the run was started with, if any.</param>
internal sealed record RunSpecRecord(string SpecPath, string SpecHash, string? Model);
