using System.Diagnostics;

namespace Baton.Specs.Tests;

/// <summary>A temporary folder deleted after the test, with helpers to write files and make a named pipe.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("baton-specs-").FullName;

    public string Path { get; }

    public string Write(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>Makes a FIFO with the real mkfifo program; null where there is none.</summary>
    public string? Fifo(string name)
    {
        var full = System.IO.Path.Combine(Path, name);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("mkfifo", [full]) { UseShellExecute = false });
            process!.WaitForExit();
            return process.ExitCode == 0 ? full : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
