namespace Baton;

/// <summary>What <see cref="BoundedTextFile.Read"/> found at a path.</summary>
internal enum BoundedTextFileStatus
{
    /// <summary>The file was read; its text is in the result.</summary>
    Read = 0,

    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>The path is a directory.</summary>
    Directory,

    /// <summary>The file is empty, or is not a regular file (a device such as <c>/dev/zero</c>, a pipe or a socket, which report no size).</summary>
    EmptyOrSpecial,

    /// <summary>The file is larger than the limit.</summary>
    TooLarge,

    /// <summary>The file could not be opened or read (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>The file holds bytes that are not UTF-8 (only when read with <c>strictUtf8</c>).</summary>
    NotUtf8,
}
