using System.Text;

namespace Baton.Tests.Internal;

/// <summary>The one reader of user-named files: regular files only, within a limit, memory by what is read, strict UTF-8 on request.</summary>
public sealed class BoundedTextFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("baton-bounded-");

    [Fact]
    public void Read_SmallFileWithAGigabyteLimit_AllocatesForTheFileNotTheLimit()
    {
        var path = Write("small.txt", Encoding.UTF8.GetBytes("hello"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = BoundedTextFile.Read(path, 1L << 30);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((BoundedTextFileStatus.Read, "hello", 5L), (read.Status, read.Text, read.Size));
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated:N0} bytes to read 5");
    }

    [Fact]
    public void Read_LargerThanTheLimit_ReportsTheSizeWithoutReading()
    {
        var path = Write("big.txt", new byte[1300]);

        var read = BoundedTextFile.Read(path, 100);

        Assert.Equal((BoundedTextFileStatus.TooLarge, 1300L, false), (read.Status, read.Size, read.GrewWhileRead));
        Assert.Equal("is larger than the 100-byte limit", read.Describe());
    }

    [Fact]
    public void Read_InvalidUtf8_BecomesReplacementCharactersUnlessStrict()
    {
        var path = Write("latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x21]);

        var lenient = BoundedTextFile.Read(path, 100);
        var strict = BoundedTextFile.Read(path, 100, strictUtf8: true);

        Assert.Equal("caf\uFFFD!", lenient.Text);
        Assert.Equal((BoundedTextFileStatus.NotUtf8, null, 3L), (strict.Status, strict.Text, strict.InvalidByteOffset));
        Assert.Equal("is not UTF-8 text (invalid bytes at offset 3); save it as UTF-8", strict.Describe());
    }

    [Fact]
    public void Read_StrictWithAByteOrderMark_SkipsItAndCountsOffsetsFromTheFileStart()
    {
        Assert.Equal("ok", BoundedTextFile.Read(Write("bom.txt", [0xEF, 0xBB, 0xBF, 0x6F, 0x6B]), 100, strictUtf8: true).Text);

        var bad = BoundedTextFile.Read(Write("bom-bad.txt", [0xEF, 0xBB, 0xBF, 0x6F, 0xFF]), 100, strictUtf8: true);

        Assert.Equal((BoundedTextFileStatus.NotUtf8, 4L), (bad.Status, bad.InvalidByteOffset));
    }

    [Fact]
    public void Read_DirectoryMissingAndEmpty_AreReportedNeverOpened()
    {
        Assert.Equal(BoundedTextFileStatus.Directory, BoundedTextFile.Read(_folder.FullName, 100).Status);
        Assert.Equal(BoundedTextFileStatus.Missing, BoundedTextFile.Read(Path.Combine(_folder.FullName, "none"), 100).Status);
        Assert.Equal(BoundedTextFileStatus.EmptyOrSpecial, BoundedTextFile.Read(Write("empty.txt", []), 100).Status);
        if (File.Exists("/dev/zero"))
        {
            Assert.Equal(BoundedTextFileStatus.EmptyOrSpecial, BoundedTextFile.Read("/dev/zero", 100).Status);
        }
    }

    [Fact]
    public void Read_FileExactlyAtTheLimit_IsRead()
    {
        var read = BoundedTextFile.Read(Write("edge.txt", Encoding.ASCII.GetBytes(new string('a', 100))), 100);

        Assert.Equal((BoundedTextFileStatus.Read, 100), (read.Status, read.Text!.Length));
    }

    [Fact]
    public void Read_LimitNoArrayCanHold_IsMisuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedTextFile.Read(Write("x.txt", [0x61]), long.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedTextFile.Read(Write("y.txt", [0x61]), 0));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
