namespace Baton.Cli.Storage;

/// <summary>The spec a run was started from, as its journal (or, for runs started before journal schema 2, the legacy side file) records it.</summary>
/// <param name="SpecPath">The spec file's full path.</param>
/// <param name="SpecHash">The SHA-256 of the spec's text when the run started (empty when unknown).</param>
/// <param name="Model">The <c>--model</c> override the run was started with, if any.</param>
internal sealed record RecordedSpec(string SpecPath, string SpecHash, string? Model);
