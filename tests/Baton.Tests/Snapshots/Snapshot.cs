using System.Text;

namespace Baton.Tests.Snapshots;

/// <summary>
/// Compares text against a checked-in snapshot file and, when asked through an environment variable, rewrites it.
/// Snapshots make changes to the journal format deliberate: they show up in review as a diff. (The public API is
/// tracked by the PublicAPI.*.txt files of each package, see CONTRIBUTING.md.)
/// </summary>
internal static class Snapshot
{
    /// <summary>Asserts <paramref name="actual"/> equals the snapshot, or rewrites the snapshot when <paramref name="updateVariable"/> is 1.</summary>
    /// <param name="relativePath">The snapshot's path from the repository root, with '/' separators.</param>
    /// <param name="actual">The text as generated now.</param>
    /// <param name="updateVariable">The environment variable that, set to 1, rewrites the snapshot.</param>
    /// <param name="what">What the snapshot records, for the failure message.</param>
    public static void Verify(string relativePath, string actual, string updateVariable, string what)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(updateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        var expected = File.Exists(path) ? Normalize(File.ReadAllText(path)) : null;
        if (expected == actual)
        {
            return;
        }

        var howTo =
            $"If the change is intended, rewrite the snapshot and commit it with your change:{Environment.NewLine}" +
            $"    {updateVariable}=1 dotnet test --project tests/Baton.Tests{Environment.NewLine}" +
            $"then review 'git diff {relativePath}'.";
        Assert.Fail(expected is null
            ? $"{what}: the snapshot {relativePath} does not exist. {howTo}"
            : $"{what} changed (- snapshot, + now):{Environment.NewLine}{Diff(expected, actual)}{Environment.NewLine}{howTo}");
    }

    /// <summary>Finds the repository root: the nearest folder above the test binaries holding Baton.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Baton.slnx above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    // A line diff (longest common subsequence) showing changed lines with two lines of context.
    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', b[y++]));
            }
            else
            {
                lines.Add(('-', a[x++]));
            }
        }

        var output = new StringBuilder();
        var lastShown = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Mark == ' ')
            {
                continue;
            }

            for (var k = Math.Max(lastShown + 1, i - 2); k <= Math.Min(lines.Count - 1, i + 2); k++)
            {
                if (k > lastShown + 1 && output.Length > 0 && k == Math.Max(lastShown + 1, i - 2))
                {
                    output.Append("...\n");
                }

                output.Append(lines[k].Mark).Append(' ').Append(lines[k].Text).Append('\n');
                lastShown = k;
            }
        }

        return output.ToString();
    }
}
