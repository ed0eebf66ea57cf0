using System.Text;

namespace Baton.Providers.Llama.Tests;

/// <summary>
/// Writes a tiny but real GGUF v3 llama model: seeded random f32 weights with the real tensor names and shapes,
/// the full llama metadata, and an SPM ("llama") vocabulary of special tokens, the 256 byte tokens and a few merges.
/// </summary>
/// <remarks>
/// Layout per llama.cpp's docs/gguf.md: header (magic, version 3, tensor count, metadata count), metadata key/values,
/// tensor infos (name, dims with ne[0] innermost, ggml type, offset from the data section), padding to
/// <c>general.alignment</c> (32), then each tensor's data, each offset a multiple of 32.
/// </remarks>
internal sealed class TinyGgufWriter
{
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    private const uint Alignment = 32;
    private const uint GgmlTypeF32 = 0;

    public int EmbeddingLength { get; init; } = 32;
    public int BlockCount { get; init; } = 2;
    public int HeadCount { get; init; } = 2;
    public int HeadCountKv { get; init; } = 2;
    public int FeedForwardLength { get; init; } = 64;
    public int ContextLength { get; init; } = 1024;
    public int Seed { get; init; } = 1234;
    public string? ChatTemplate { get; init; } = ChatMlTemplate;

    /// <summary>The vocabulary: 0 &lt;unk&gt;, 1 &lt;s&gt;, 2 &lt;/s&gt;, 3..258 the bytes, then a few merged pieces.</summary>
    public static IReadOnlyList<(string Piece, float Score, int Type)> Vocabulary { get; } = BuildVocabulary();

    public void Write(string path)
    {
        using var stream = File.Create(path);
        Write(stream);
    }

    public void Write(Stream stream)
    {
        var tensors = Tensors();
        var metadata = Metadata();
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
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

            w.Write(GgmlTypeF32);
            w.Write(offset);
            offset = Align(offset + ((ulong)t.Data.Length * 4));
        }

        Pad(w);
        foreach (var t in tensors)
        {
            foreach (var v in t.Data)
            {
                w.Write(v);
            }

            Pad(w);
        }
    }

    private List<(string Key, Action<BinaryWriter> Write)> Metadata()
    {
        var vocab = Vocabulary;
        var list = new List<(string, Action<BinaryWriter>)>
        {
            ("general.architecture", w => Str(w, "llama")),
            ("general.name", w => Str(w, "baton-tiny-test")),
            ("general.alignment", w => U32(w, Alignment)),
            ("general.file_type", w => U32(w, 0)),
            ("llama.context_length", w => U32(w, (uint)ContextLength)),
            ("llama.embedding_length", w => U32(w, (uint)EmbeddingLength)),
            ("llama.block_count", w => U32(w, (uint)BlockCount)),
            ("llama.feed_forward_length", w => U32(w, (uint)FeedForwardLength)),
            ("llama.attention.head_count", w => U32(w, (uint)HeadCount)),
            ("llama.attention.head_count_kv", w => U32(w, (uint)HeadCountKv)),
            ("llama.rope.dimension_count", w => U32(w, (uint)(EmbeddingLength / HeadCount))),
            ("llama.rope.freq_base", w => F32(w, 10000f)),
            ("llama.attention.layer_norm_rms_epsilon", w => F32(w, 1e-5f)),
            ("llama.vocab_size", w => U32(w, (uint)vocab.Count)),
            ("tokenizer.ggml.model", w => Str(w, "llama")),
            ("tokenizer.ggml.tokens", w => Array(w, 8, vocab, (bw, v) => WriteString(bw, v.Piece))),
            ("tokenizer.ggml.scores", w => Array(w, 6, vocab, (bw, v) => bw.Write(v.Score))),
            ("tokenizer.ggml.token_type", w => Array(w, 5, vocab, (bw, v) => bw.Write(v.Type))),
            ("tokenizer.ggml.unknown_token_id", w => U32(w, 0)),
            ("tokenizer.ggml.bos_token_id", w => U32(w, 1)),
            ("tokenizer.ggml.eos_token_id", w => U32(w, 2)),
            ("tokenizer.ggml.add_bos_token", w => Bool(w, true)),
            ("tokenizer.ggml.add_eos_token", w => Bool(w, false)),
        };
        if (ChatTemplate is not null)
        {
            list.Add(("tokenizer.chat_template", w => Str(w, ChatTemplate)));
        }

        return list;
    }

    private List<(string Name, int[] Dims, float[] Data)> Tensors()
    {
        var random = new Random(Seed);
        var n = EmbeddingLength;
        var kv = EmbeddingLength / HeadCount * HeadCountKv;
        var vocab = Vocabulary.Count;
        (string, int[], float[]) Weights(string name, params int[] dims) =>
            (name, dims, [.. Enumerable.Range(0, dims.Aggregate(1, (a, b) => a * b)).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.2f)]);
        (string, int[], float[]) Ones(string name, int length) => (name, [length], [.. Enumerable.Repeat(1f, length)]);

        var tensors = new List<(string, int[], float[])> { Weights("token_embd.weight", n, vocab) };
        for (var i = 0; i < BlockCount; i++)
        {
            tensors.Add(Ones($"blk.{i}.attn_norm.weight", n));
            tensors.Add(Weights($"blk.{i}.attn_q.weight", n, n));
            tensors.Add(Weights($"blk.{i}.attn_k.weight", n, kv));
            tensors.Add(Weights($"blk.{i}.attn_v.weight", n, kv));
            tensors.Add(Weights($"blk.{i}.attn_output.weight", n, n));
            tensors.Add(Ones($"blk.{i}.ffn_norm.weight", n));
            tensors.Add(Weights($"blk.{i}.ffn_gate.weight", n, FeedForwardLength));
            tensors.Add(Weights($"blk.{i}.ffn_up.weight", n, FeedForwardLength));
            tensors.Add(Weights($"blk.{i}.ffn_down.weight", FeedForwardLength, n));
        }

        tensors.Add(Ones("output_norm.weight", n));
        tensors.Add(Weights("output.weight", n, vocab));
        return tensors;
    }

    private static List<(string, float, int)> BuildVocabulary()
    {
        const int Normal = 1, Unknown = 2, Control = 3, Byte = 6;
        var vocab = new List<(string, float, int)> { ("<unk>", 0f, Unknown), ("<s>", 0f, Control), ("</s>", 0f, Control) };
        for (var b = 0; b < 256; b++)
        {
            vocab.Add(($"<0x{b:X2}>", 0f, Byte));
        }

        // A few SentencePiece merges ("\u2581" is SentencePiece's space), scored so longer pieces win.
        string[] merges = ["\u2581", "\u2581the", "\u2581a", "er", "in", "on", "re", "at", "\"", "{", "}", ":", ","];
        for (var i = 0; i < merges.Length; i++)
        {
            vocab.Add((merges[i], -1f - i, Normal));
        }

        return vocab;
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
