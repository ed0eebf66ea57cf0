using LLama.Exceptions;

namespace Baton.Providers.Llama.Tests;

/// <summary>Writes tiny GGUF models to a temporary folder and loads them, skipping when the native backend cannot run here.</summary>
internal static class TinyModel
{
    private static readonly Lazy<string> s_folder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "baton-llama-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    });

    public static string Write(string name, TinyGgufWriter? writer = null)
    {
        var path = Path.Combine(s_folder.Value, name + ".gguf");
        if (!File.Exists(path))
        {
            (writer ?? new TinyGgufWriter()).Write(path);
        }

        return path;
    }

    public static LlamaChatClient Load(string path, Action<LlamaChatClientOptions>? configure = null)
    {
        var options = new LlamaChatClientOptions { ModelPath = path, ContextSize = 1024, Threads = 1 };
        configure?.Invoke(options);
        try
        {
            return new LlamaChatClient(options);
        }
        catch (Exception ex) when (IsNativeLoadFailure(ex) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Skip($"LLamaSharp's CPU backend (LLamaSharp.Backend.Cpu 0.30.0, linux-x64 noavx/avx/avx2/avx512 builds) could not be loaded on this machine: {ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }

    private static bool IsNativeLoadFailure(Exception ex) =>
        ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException
        || (ex is RuntimeError && ex.Message.Contains("native", StringComparison.OrdinalIgnoreCase));
}
