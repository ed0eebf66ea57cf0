namespace Baton.Providers.Llama;

/// <summary>Where <see cref="LlamaChatClient"/>'s chat template comes from.</summary>
public enum ChatTemplateSource
{
    /// <summary>The model's own <c>tokenizer.chat_template</c>, applied by llama.cpp.</summary>
    Model,

    /// <summary>Baton's ChatML fallback, used when the model has no template or llama.cpp does not recognise it.</summary>
    Fallback,
}
