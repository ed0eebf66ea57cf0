using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Judges;

/// <summary>An output the judged response was made from (for example the research behind an article), passed to evaluators as additional context named after the output.</summary>
public sealed class UpstreamOutputContext : EvaluationContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="outputName">The output's name in the run.</param>
    /// <param name="text">The output's text.</param>
    public UpstreamOutputContext(string outputName, string text)
        : base(outputName, text)
    {
        OutputName = outputName;
        Text = text;
    }

    /// <summary>Gets the output's name in the run.</summary>
    public string OutputName { get; }

    /// <summary>Gets the output's text.</summary>
    public string Text { get; }
}
