namespace Baton.Testing.Tests.Handoffs;

/// <summary>A temporary directory of fixture files, deleted when disposed.</summary>
internal sealed class FixtureDirectory : IDisposable
{
    public FixtureDirectory() => Path = Directory.CreateTempSubdirectory("baton-fixtures-").FullName;

    public string Path { get; }

    public string Write(string fileName, string json)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, json);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
