namespace Baton.Cli.Commands;

/// <summary>Why an answer file (<c>baton answer --file</c>) cannot be read.</summary>
internal enum AnswerFileProblem
{
    /// <summary>The file was read.</summary>
    None = 0,

    /// <summary>No file is at the path.</summary>
    Missing,

    /// <summary>The path is a folder.</summary>
    Directory,

    /// <summary>The file is empty, or not a regular file (a device, FIFO or socket, which report no size and may never end).</summary>
    EmptyOrNotRegular,

    /// <summary>The file is larger than <see cref="AnswerFile.MaxBytes"/> (or grew past it while it was read).</summary>
    TooLarge,

    /// <summary>The file is not valid UTF-8 text.</summary>
    NotUtf8,

    /// <summary>The file exists but cannot be read (permissions, I/O).</summary>
    Unreadable,
}
