using System.Text;

namespace Baton.Providers.Server.Tests;

/// <summary>
/// Writes a random-weight GGUF in SmolLM2-135M's shape (llama architecture, 30 layers, 576 wide, 9 query and 3 KV
/// heads, 1,536-wide MLP, tied embeddings, SmolLM2's ChatML template) with GPT-2's real BPE vocabulary plus the
/// ChatML special tokens. Weights are seeded Q8_0 noise, so the model answers noise text: the point of a
/// robustness test against a real server.
/// </summary>
/// <remarks>
/// GGUF v3 per llama.cpp's docs/gguf.md. Q8_0 stores each run of 32 weights as a half-precision scale and 32 signed
/// bytes, which keeps the file near 145 MB and makes CPU inference about twice as fast as f16.
/// </remarks>
internal sealed class ServerModelWriter
{
    public const string ChatTemplate =
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}{% endif %}" +
        "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    private const uint Alignment = 32;
    private const uint TypeF32 = 0;
    private const uint TypeQ8_0 = 8;
    private const int BlockSize = 32;

    public int EmbeddingLength { get; init; } = 576;
    public int BlockCount { get; init; } = 30;
    public int HeadCount { get; init; } = 9;
    public int HeadCountKv { get; init; } = 3;
    public int FeedForwardLength { get; init; } = 1536;
    public int ContextLength { get; init; } = 8192;
    public int Seed { get; init; } = 135;

    /// <summary>Gets the file name that identifies this writer's output, so a cached copy is reused only when identical.</summary>
    public string FileName => $"smollm2-shape-gpt2-q8-{BlockCount}x{EmbeddingLength}-s{Seed}-v1.gguf";

    public void Write(string path)
    {
        var vocabulary = Gpt2Vocabulary.Load();
        var tokens = vocabulary.Tokens.Concat(["<|im_start|>", "<|im_end|>"]).ToList();
        var endOfText = vocabulary.Tokens.Count - 1;
        var imStart = tokens.Count - 2;
        var imEnd = tokens.Count - 1;
        var tensors = Tensors(tokens.Count);
        var metadata = new List<(string Key, Action<BinaryWriter> Write)>
        {
            ("general.architecture", w => Str(w, "llama")),
            ("general.name", w => Str(w, "baton-smollm2-shape-random")),
            ("general.alignment", w => U32(w, Alignment)),
            ("general.file_type", w => U32(w, 7)),
            ("llama.context_length", w => U32(w, (uint)ContextLength)),
            ("llama.embedding_length", w => U32(w, (uint)EmbeddingLength)),
            ("llama.block_count", w => U32(w, (uint)BlockCount)),
            ("llama.feed_forward_length", w => U32(w, (uint)FeedForwardLength)),
            ("llama.attention.head_count", w => U32(w, (uint)HeadCount)),
            ("llama.attention.head_count_kv", w => U32(w, (uint)HeadCountKv)),
            ("llama.rope.dimension_count", w => U32(w, (uint)(EmbeddingLength / HeadCount))),
            ("llama.rope.freq_base", w => F32(w, 100000f)),
            ("llama.attention.layer_norm_rms_epsilon", w => F32(w, 1e-5f)),
            ("llama.vocab_size", w => U32(w, (uint)tokens.Count)),
            ("tokenizer.ggml.model", w => Str(w, "gpt2")),
            ("tokenizer.ggml.pre", w => Str(w, "gpt-2")),
            ("tokenizer.ggml.tokens", w => Array(w, 8, tokens, (bw, t) => WriteString(bw, t))),
            ("tokenizer.ggml.token_type", w => Array(w, 5, Enumerable.Range(0, tokens.Count).ToList(), (bw, i) => bw.Write(i >= endOfText ? 3 : 1))),
            ("tokenizer.ggml.merges", w => Array(w, 8, vocabulary.Merges, (bw, m) => WriteString(bw, m))),
            ("tokenizer.ggml.bos_token_id", w => U32(w, (uint)imStart)),
            ("tokenizer.ggml.eos_token_id", w => U32(w, (uint)imEnd)),
            ("tokenizer.ggml.unknown_token_id", w => U32(w, (uint)endOfText)),
            ("tokenizer.ggml.padding_token_id", w => U32(w, (uint)endOfText)),
            ("tokenizer.ggml.add_bos_token", w => Bool(w, false)),
            ("tokenizer.chat_template", w => Str(w, ChatTemplate)),
        };

        var temporary = path + ".partial";
        using (var stream = new BufferedStream(File.Create(temporary), 1 << 20))
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false))
        {
            w.Write("GGUF"u8);
            w.Write(3u);
            w.Write((ulong)tensors.Count);
            w.Write((ulong)metadata.Count);
            foreach (var (key, write) in metadata)
            {
                WriteString(w, key);
                write(w);
            }

            ulong offset = 0;
            foreach (var t in tensors)
            {
                WriteString(w, t.Name);
                w.Write((uint)t.Dims.Length);
                foreach (var d in t.Dims)
                {
                    w.Write((ulong)d);
                }

                w.Write(t.Quantized ? TypeQ8_0 : TypeF32);
                w.Write(offset);
                offset = Align(offset + Size(t));
            }

            Pad(w);
            var random = new Random(Seed);
            var quants = new byte[BlockSize];
            foreach (var t in tensors)
            {
                var count = t.Dims.Aggregate(1L, (a, b) => a * b);
                if (t.Quantized)
                {
                    // Scale so weights spread about +-0.035 (std ~0.02, as an initialised transformer's).
                    var scale = (Half)(0.035f / 127f);
                    for (long block = 0; block < count / BlockSize; block++)
                    {
                        random.NextBytes(quants);
                        w.Write(scale);
                        w.Write(quants);
                    }
                }
                else
                {
                    for (long i = 0; i < count; i++)
                    {
                        w.Write(1f);
                    }
                }

                Pad(w);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private List<(string Name, int[] Dims, bool Quantized)> Tensors(int vocab)
    {
        var n = EmbeddingLength;
        var kv = EmbeddingLength / HeadCount * HeadCountKv;
        var tensors = new List<(string, int[], bool)> { ("token_embd.weight", [n, vocab], true) };
        for (var i = 0; i < BlockCount; i++)
        {
            tensors.Add(($"blk.{i}.attn_norm.weight", [n], false));
            tensors.Add(($"blk.{i}.attn_q.weight", [n, n], true));
            tensors.Add(($"blk.{i}.attn_k.weight", [n, kv], true));
            tensors.Add(($"blk.{i}.attn_v.weight", [n, kv], true));
            tensors.Add(($"blk.{i}.attn_output.weight", [n, n], true));
            tensors.Add(($"blk.{i}.ffn_norm.weight", [n], false));
            tensors.Add(($"blk.{i}.ffn_gate.weight", [n, FeedForwardLength], true));
            tensors.Add(($"blk.{i}.ffn_up.weight", [n, FeedForwardLength], true));
            tensors.Add(($"blk.{i}.ffn_down.weight", [FeedForwardLength, n], true));
        }

        // No output.weight: like SmolLM2, the output projection is the token embedding (tied).
        tensors.Add(("output_norm.weight", [n], false));
        return tensors;
    }

    private static ulong Size((string Name, int[] Dims, bool Quantized) t)
    {
        var count = (ulong)t.Dims.Aggregate(1L, (a, b) => a * b);
        return t.Quantized ? count / BlockSize * (2 + BlockSize) : count * 4;
    }

    private static ulong Align(ulong offset) => (offset + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var position = (ulong)w.BaseStream.Position;
        for (var i = position; i < Align(position); i++)
        {
            w.Write((byte)0);
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void Str(BinaryWriter w, string s)
    {
        w.Write(8u);
        WriteString(w, s);
    }

    private static void U32(BinaryWriter w, uint v)
    {
        w.Write(4u);
        w.Write(v);
    }

    private static void F32(BinaryWriter w, float v)
    {
        w.Write(6u);
        w.Write(v);
    }

    private static void Bool(BinaryWriter w, bool v)
    {
        w.Write(7u);
        w.Write(v ? (byte)1 : (byte)0);
    }

    private static void Array<T>(BinaryWriter w, uint elementType, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        w.Write(9u);
        w.Write(elementType);
        w.Write((ulong)items.Count);
        foreach (var item in items)
        {
            write(w, item);
        }
    }
}
