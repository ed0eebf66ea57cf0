using System.Text;

namespace Baton.Evaluation.Datasets;

/// <summary>
/// Splits CSV text into records (RFC 4180: comma-separated, fields optionally in double quotes, <c>""</c> for a quote,
/// line breaks allowed inside quotes), keeping the line each record starts on. Malformed input is an error, never an exception.
/// </summary>
internal static class CsvRecords
{
    public static List<(int Line, List<string> Fields)> Parse(string text, string file, List<DatasetError> errors)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoteLine = 0;
        var fieldStarted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !fieldStarted:
                    inQuotes = true;
                    wasQuoted = true;
                    fieldStarted = true;
                    quoteLine = line;
                    break;
                case '"':
                    errors.Add(new DatasetError(file, line, $"a quote inside an unquoted field (field {fields.Count + 1}); put the whole field in double quotes and double the quote (\"\")"));
                    return records;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    wasQuoted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    if (fields.Count > 1 || fields[0].Length > 0 || wasQuoted)
                    {
                        records.Add((recordLine, fields));
                    }

                    fields = [];
                    field.Clear();
                    fieldStarted = false;
                    wasQuoted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (wasQuoted)
                    {
                        errors.Add(new DatasetError(file, line, $"text after the closing quote of field {fields.Count + 1}; a quoted field ends at its closing quote"));
                        return records;
                    }

                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (inQuotes)
        {
            errors.Add(new DatasetError(file, quoteLine, "a quoted field is not closed before the end of the file; add the closing double quote"));
            return records;
        }

        if (fieldStarted || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        return records;
    }
}
