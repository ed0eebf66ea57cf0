using Baton.Compression;

namespace Baton.Orchestration.Turns;

/// <summary>The runner's settings every agent turn uses (a snapshot taken when the runner was built).</summary>
/// <param name="TokenCounter">The token counter for context sizes and budgets, if one is configured.</param>
/// <param name="ContextCompressor">The compressor for agents over budget that set none, if one is configured.</param>
internal sealed record TurnSettings(ITokenCounter? TokenCounter, IContextCompressor? ContextCompressor);
