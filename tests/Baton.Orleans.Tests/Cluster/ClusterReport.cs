namespace Baton.Orleans.Tests.Cluster;

/// <summary>Appends the cluster tests' figures to the file named by <c>BATON_CLUSTER_REPORT</c> (and to standard output).</summary>
internal static class ClusterReport
{
    public static void Write(string line)
    {
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable("BATON_CLUSTER_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}");
        }
    }
}
