namespace Baton;

/// <summary>The kinds of model provider a <see cref="ModelReference"/> can name.</summary>
public enum ModelProvider
{
    /// <summary>The token-free rehearsal client: placeholder answers shaped by each agent's output contract.</summary>
    Rehearsal,

    /// <summary>Anthropic's Messages API through the official <c>Anthropic</c> SDK.</summary>
    Anthropic,

    /// <summary>OpenAI's chat completions API, or any OpenAI-compatible server (vLLM, llama.cpp server, LM Studio).</summary>
    OpenAI,

    /// <summary>An Ollama server through OllamaSharp.</summary>
    Ollama,

    /// <summary>A local GGUF model file, run in process by the <c>Baton.Providers.Llama</c> package.</summary>
    Gguf,
}
