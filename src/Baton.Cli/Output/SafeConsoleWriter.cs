using System.Text;
using Baton.Secrets;

namespace Baton.Cli.Output;

/// <summary>
/// The only way the CLI writes to its output streams: every line is redacted (API keys and fragments of them) and
/// stripped of terminal control sequences before it reaches the inner writer, and a live status line can be kept
/// below the printed lines.
/// </summary>
/// <remarks>
/// Text is held until its line is complete (or the writer is flushed), so a secret written in pieces is still seen
/// whole. Thread-safe: the progress timer and the run write through it concurrently.
/// </remarks>
internal sealed class SafeConsoleWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _line = new();
    private string? _status;

    public override Encoding Encoding => inner.Encoding;

    public SecretRedactor Redactor => redactor;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _line.Append(value);
            if (value == '\n')
            {
                EmitLine();
            }
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_lock)
        {
            while (!buffer.IsEmpty)
            {
                var end = buffer.IndexOf('\n');
                if (end < 0)
                {
                    _line.Append(buffer);
                    return;
                }

                _line.Append(buffer[..(end + 1)]);
                EmitLine();
                buffer = buffer[(end + 1)..];
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_lock)
        {
            Write(value.AsSpan());
            Write(CoreNewLine.AsSpan());
        }
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(char value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(char[] buffer, int index, int count)
    {
        WriteLine(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Write(buffer.Span);
            Write(CoreNewLine.AsSpan());
        }

        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        lock (_lock)
        {
            if (_line.Length > 0)
            {
                EmitLine();
            }

            inner.Flush();
        }
    }

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Shows <paramref name="status"/> as the last line of a terminal, replacing the previous one; lines written
    /// meanwhile appear above it. <see langword="null"/> removes it.
    /// </summary>
    /// <param name="status">The status text (one line; redacted and stripped like all output).</param>
    /// <param name="width">The most characters to show, so the line never wraps (a wrapped line cannot be redrawn).</param>
    public void ShowStatus(string? status, int width)
    {
        lock (_lock)
        {
            var text = status is null ? null : Fit(redactor.Redact(TerminalText.Strip(status)).ReplaceLineEndings(" "), width);
            EraseStatus();
            _status = text;
            DrawStatus();
            inner.Flush();
        }
    }

    private static string Fit(string text, int width) =>
        text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";

    private void EmitLine()
    {
        // Stripped before redacted: control characters woven into a key would otherwise hide it from the redactor.
        var text = redactor.Redact(TerminalText.Strip(_line.ToString()));
        _line.Clear();
        EraseStatus();
        inner.Write(text);
        DrawStatus();
    }

    // The status line is ours, so it alone may carry a carriage return: the text in it was stripped like any other.
    private void EraseStatus()
    {
        if (_status is not null)
        {
            inner.Write('\r');
            inner.Write(new string(' ', _status.Length));
            inner.Write('\r');
        }
    }

    private void DrawStatus()
    {
        if (_status is not null)
        {
            inner.Write(_status);
        }
    }
}
