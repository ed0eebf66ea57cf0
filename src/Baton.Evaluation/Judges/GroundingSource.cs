namespace Baton.Evaluation.Judges;

/// <summary>One source a response must be grounded in: an output the pipeline worked from, by name.</summary>
/// <param name="Name">The source's name (for example the output name <c>research</c>).</param>
/// <param name="Text">The source's text.</param>
public sealed record GroundingSource(string Name, string Text);
