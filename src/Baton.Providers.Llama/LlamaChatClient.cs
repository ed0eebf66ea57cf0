using System.Runtime.CompilerServices;
using System.Text;
using Baton.Agents;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Providers.Llama;

/// <summary>
/// A local GGUF model as an <see cref="IChatClient"/>, run in process by LLamaSharp on the CPU. Messages are formatted
/// with the model's chat template (<c>tokenizer.chat_template</c>, else a ChatML fallback), and sampling is
/// constrained by a GBNF grammar when the request asks for JSON, a supervisor decision or a review verdict, so
/// those outputs are always well-formed.
/// </summary>
/// <remarks>
/// <para>Grammar choice, in order: a JSON schema response format gets <see cref="GbnfGrammars.FromJsonSchema"/>
/// (the contract, whatever the prompt says); a supervisor decision without a schema (the prompt mentions
/// <c>next_agent</c>) gets <see cref="GbnfGrammars.SupervisorDecision"/> over the allowed agents found in the prompt; any other JSON response format (or system instructions that
/// mention <c>JSON</c>) gets <see cref="GbnfGrammars.JsonObject"/>; a review prompt (mentions <c>APPROVED:</c> and
/// <c>REVISE:</c>) gets <see cref="GbnfGrammars.Verdict"/>; anything else is unconstrained.</para>
/// <para>A cancelled generation (the caller's token, a run deadline, a per-attempt timeout) throws
/// <see cref="OperationCanceledException"/>: the partial text is never returned as an answer. A generation that
/// reaches the output-token limit ends with <see cref="ChatFinishReason.Length"/>.</para>
/// <para>Clients that load the same GGUF file share one copy of its weights (released with the last client).</para>
/// <para>Thread-safe: requests on one model file are served one at a time (each in a fresh context), since a CPU
/// model gains nothing from running two at once. Sampling uses <see cref="LlamaChatClientOptions.Seed"/>, so the same prompt gives the
/// same answer.</para>
/// </remarks>
public sealed class LlamaChatClient : IChatClient
{
    private static readonly ModelCapabilities s_capabilities = new() { StructuredOutput = StructuredOutputMechanism.Grammar };
    private readonly LlamaChatClientOptions _options;
    private readonly ModelParams _parameters;
    private readonly SharedModelWeights _shared;
    private readonly LLamaWeights _weights;
    private readonly ChatClientMetadata _metadata;
    private int _disposed;

    /// <summary>Loads the model named by <paramref name="options"/>.</summary>
    /// <param name="options">The options; <see cref="LlamaChatClientOptions.ModelPath"/> is required.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    public LlamaChatClient(LlamaChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!File.Exists(options.ModelPath))
        {
            throw new FileNotFoundException(
                $"The GGUF model file '{options.ModelPath}' does not exist. Check the path after 'gguf:' in the model reference.", options.ModelPath);
        }

        _options = options;

        // llama.cpp logs every tensor it loads to stderr unless told otherwise.
        NativeLogConfig.llama_log_set(options.NativeLogger ?? NullLogger.Instance);
        _parameters = new ModelParams(options.ModelPath)
        {
            ContextSize = options.ContextSize is { } size ? (uint)size : null,
            GpuLayerCount = 0,
            Threads = options.Threads,
        };
        _shared = SharedModelWeights.Acquire(_parameters);
        _weights = _shared.Weights;
        ModelId = _weights.Metadata.TryGetValue("general.name", out var name) && !string.IsNullOrWhiteSpace(name)
            ? name
            : Path.GetFileNameWithoutExtension(options.ModelPath);
        (TemplateSource, _) = TryModelTemplate([new ChatMessage(ChatRole.User, "probe")]);
        _metadata = new ChatClientMetadata("llama.cpp", new Uri(Path.GetFullPath(options.ModelPath)), ModelId);
    }

    /// <summary>Gets the model id: the GGUF's <c>general.name</c>, else the file name.</summary>
    public string ModelId { get; }

    /// <summary>Gets where the chat template comes from for this model.</summary>
    public ChatTemplateSource TemplateSource { get; }

    /// <summary>Gets the model's GGUF metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _weights.Metadata;

    /// <summary>Formats <paramref name="messages"/> into the prompt text the model receives, ending with the assistant's turn.</summary>
    /// <param name="messages">The conversation.</param>
    /// <returns>The prompt text.</returns>
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var (source, text) = TryModelTemplate(list);
        return source == ChatTemplateSource.Model ? text! : FallbackTemplate(list);
    }

    /// <summary>Chooses the GBNF grammar for a request, or <see langword="null"/> when output is unconstrained.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options.</param>
    /// <returns>The GBNF text, or <see langword="null"/>.</returns>
    public string? SelectGrammar(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!_options.UseGrammars)
        {
            return null;
        }

        // A schema is the contract: its grammar wins over anything read from the prompt (a supervisor decision schema
        // with an enum of agents included).
        var json = options?.ResponseFormat as ChatResponseFormatJson;
        if (json?.Schema is { ValueKind: System.Text.Json.JsonValueKind.Object } schema)
        {
            return GbnfGrammars.FromJsonSchema(schema, _options.MaxGrammarStringLength, _options.MaxGrammarMembers);
        }

        var shape = PromptShape.Read(messages);
        if (shape.IsSupervisorDecision && shape.AllowedAgents(null) is { Count: > 0 } agents)
        {
            return GbnfGrammars.SupervisorDecision(agents, _options.MaxGrammarStringLength);
        }

        if (json is not null || shape.IsSupervisorDecision || shape.AsksForJson)
        {
            return GbnfGrammars.JsonObject(_options.MaxGrammarDepth, _options.MaxGrammarMembers, _options.MaxGrammarStringLength);
        }

        return shape.IsReviewVerdict ? GbnfGrammars.Verdict(_options.MaxGrammarStringLength) : null;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var prompt = FormatPrompt(list);
        var grammar = SelectGrammar(list, options);
        var responseId = Guid.NewGuid().ToString("N");
        using var pipeline = new DefaultSamplingPipeline
        {
            Grammar = grammar is null ? null : new Grammar(grammar, GbnfGrammars.RootRule),
            Seed = options?.Seed is { } seed ? unchecked((uint)seed) : _options.Seed,
            Temperature = options?.Temperature ?? _options.Temperature,
        };
        var inference = new InferenceParams
        {
            MaxTokens = options?.MaxOutputTokens ?? _options.MaxOutputTokens,
            SamplingPipeline = pipeline,
            AntiPrompts = options?.StopSequences?.ToList() ?? [],
        };

        await _shared.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var executor = new StatelessExecutor(_weights, _parameters) { ApplyTemplate = false };
            var outputTokens = 0;
            await foreach (var piece in executor.InferAsync(prompt, inference, cancellationToken).ConfigureAwait(false))
            {
                outputTokens++;
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ResponseId = responseId, ModelId = ModelId };
            }

            // LLamaSharp ends a cancelled generation quietly; a cut generation is a failed call, never a short answer.
            cancellationToken.ThrowIfCancellationRequested();

            var inputTokens = _weights.Tokenize(prompt, true, true, Encoding.UTF8).Length;
            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = responseId,
                ModelId = ModelId,
                FinishReason = outputTokens >= inference.MaxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop,
                Contents = [new UsageContent(new UsageDetails
                {
                    InputTokenCount = inputTokens,
                    OutputTokenCount = outputTokens,
                    TotalTokenCount = inputTokens + outputTokens,
                })],
            };
        }
        finally
        {
            _shared.Gate.Release();
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(LLamaWeights) ? _weights
            : serviceType == typeof(ModelCapabilities) ? s_capabilities
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _shared.Release();
        }
    }

    private (ChatTemplateSource Source, string? Text) TryModelTemplate(IReadOnlyList<ChatMessage> messages)
    {
        if (!_weights.Metadata.TryGetValue("tokenizer.chat_template", out var template) || string.IsNullOrWhiteSpace(template))
        {
            return (ChatTemplateSource.Fallback, null);
        }

        try
        {
            var chat = new LLamaTemplate(_weights, strict: true) { AddAssistant = true };
            foreach (var message in messages)
            {
                chat.Add(message.Role.Value, message.Text);
            }

            return (ChatTemplateSource.Model, Encoding.UTF8.GetString(chat.Apply()));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or LLama.Exceptions.RuntimeError)
        {
            // llama.cpp recognises well-known templates only; anything else uses the fallback.
            return (ChatTemplateSource.Fallback, null);
        }
    }

    private static string FallbackTemplate(IEnumerable<ChatMessage> messages)
    {
        var sb = new StringBuilder();
        foreach (var message in messages)
        {
            sb.Append("<|im_start|>").Append(message.Role.Value).Append('\n').Append(message.Text).Append("<|im_end|>\n");
        }

        return sb.Append("<|im_start|>assistant\n").ToString();
    }
}
