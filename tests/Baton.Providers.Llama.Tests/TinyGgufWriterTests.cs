using System.Buffers.Binary;
using System.Text;

namespace Baton.Providers.Llama.Tests;

public sealed class TinyGgufWriterTests
{
    [Fact]
    public void Write_DefaultModel_IsGgufV3UnderOneMegabyte()
    {
        using var stream = new MemoryStream();
        new TinyGgufWriter().Write(stream);
        var bytes = stream.ToArray();

        Assert.Equal("GGUF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(3ul + (9ul * 2), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8))); // token_embd, output_norm, output, and 9 per block
        Assert.True(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)) >= 20, "full llama metadata");
        Assert.InRange(bytes.Length, 100_000, 1_000_000);
        Assert.Equal(0, bytes.Length % 32); // data section and every tensor padded to general.alignment
    }

    [Fact]
    public void Write_SameSeed_SameBytes()
    {
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        new TinyGgufWriter { Seed = 7 }.Write(a);
        new TinyGgufWriter { Seed = 7 }.Write(b);
        using var c = new MemoryStream();
        new TinyGgufWriter { Seed = 8 }.Write(c);

        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.NotEqual(a.ToArray(), c.ToArray());
    }

    [Fact]
    public void Vocabulary_HasSpecialTokensAndAllByteTokens()
    {
        var vocab = TinyGgufWriter.Vocabulary;

        Assert.Equal(["<unk>", "<s>", "</s>"], vocab.Take(3).Select(v => v.Piece));
        Assert.Equal(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"), vocab.Skip(3).Take(256).Select(v => v.Piece));
        Assert.All(vocab.Skip(3).Take(256), v => Assert.Equal(6, v.Type));
        Assert.InRange(vocab.Count, 260, 300);
    }
}
