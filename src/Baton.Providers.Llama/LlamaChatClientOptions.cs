using Microsoft.Extensions.Logging;

namespace Baton.Providers.Llama;

/// <summary>Options for <see cref="LlamaChatClient"/>.</summary>
public sealed class LlamaChatClientOptions
{
    /// <summary>Gets or sets the path of the GGUF model file.</summary>
    /// <value>Required.</value>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Gets or sets the context size in tokens.</summary>
    /// <value>The default is <see langword="null"/>: the model's trained context length.</value>
    public int? ContextSize { get; set; }

    /// <summary>Gets or sets the number of CPU threads used for generation.</summary>
    /// <value>The default is <see langword="null"/>: LLamaSharp's choice.</value>
    public int? Threads { get; set; }

    /// <summary>Gets or sets the sampling seed; a fixed seed makes answers repeatable for the same prompt.</summary>
    /// <value>The default is 42.</value>
    public uint Seed { get; set; } = 42;

    /// <summary>Gets or sets the temperature used when a request does not set one.</summary>
    /// <value>The default is 0.7.</value>
    public float Temperature { get; set; } = 0.7f;

    /// <summary>Gets or sets the output token limit used when a request does not set one.</summary>
    /// <value>The default is 1024.</value>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Gets or sets whether JSON outputs, supervisor decisions and review verdicts are grammar-constrained.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseGrammars { get; set; } = true;

    /// <summary>Gets or sets the longest string a grammar allows in JSON outputs and decisions.</summary>
    /// <value>The default is 512.</value>
    public int MaxGrammarStringLength { get; set; } = 512;

    /// <summary>Gets or sets how deeply objects and arrays may nest in grammar-constrained JSON outputs.</summary>
    /// <value>The default is 3.</value>
    public int MaxGrammarDepth { get; set; } = 3;

    /// <summary>Gets or sets the most members an object (or items an array) may have in grammar-constrained JSON outputs.</summary>
    /// <value>The default is 8.</value>
    public int MaxGrammarMembers { get; set; } = 8;

    /// <summary>
    /// Gets or sets the logger that receives llama.cpp's native log. The native log is process-wide: the most recently
    /// created client decides where it goes.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the native log is discarded.</value>
    public ILogger? NativeLogger { get; set; }

    /// <summary>Checks the options and reports every problem in one message.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            errors.Add($"{nameof(ModelPath)} is empty: name a .gguf model file.");
        }

        if (ContextSize is <= 0)
        {
            errors.Add($"{nameof(ContextSize)} must be positive or null, but it is {ContextSize}.");
        }

        if (Threads is <= 0)
        {
            errors.Add($"{nameof(Threads)} must be positive or null, but it is {Threads}.");
        }

        if (Temperature < 0)
        {
            errors.Add($"{nameof(Temperature)} must not be negative, but it is {Temperature}.");
        }

        if (MaxOutputTokens <= 0)
        {
            errors.Add($"{nameof(MaxOutputTokens)} must be positive, but it is {MaxOutputTokens}.");
        }

        if (MaxGrammarStringLength <= 0)
        {
            errors.Add($"{nameof(MaxGrammarStringLength)} must be positive, but it is {MaxGrammarStringLength}.");
        }

        if (MaxGrammarDepth <= 0 || MaxGrammarMembers <= 0)
        {
            errors.Add($"{nameof(MaxGrammarDepth)} and {nameof(MaxGrammarMembers)} must be positive, but they are {MaxGrammarDepth} and {MaxGrammarMembers}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid LlamaChatClientOptions: " + string.Join(" ", errors));
        }
    }
}
