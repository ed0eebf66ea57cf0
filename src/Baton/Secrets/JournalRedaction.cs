using System.Text.Json.Nodes;
using Baton.Journal;

namespace Baton.Secrets;

/// <summary>Applies a <see cref="SecretRedactor"/> to every text of a journal event before it is written.</summary>
internal static class JournalRedaction
{
    /// <summary>
    /// Returns <paramref name="journalEvent"/> with every string in it (messages, answers, errors, reasons, and the
    /// string values and property names inside outputs) redacted; the same instance when nothing was masked.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="journalEvent">The event.</param>
    /// <param name="redactor">The redactor; <see langword="null"/> returns the event unchanged.</param>
    /// <returns>The event to write.</returns>
    public static TEvent Apply<TEvent>(TEvent journalEvent, SecretRedactor? redactor)
        where TEvent : JournalEvent
    {
        if (redactor is null)
        {
            return journalEvent;
        }

        // The serialized form is the one every store keeps, so walking it reaches every text field of every event
        // kind, including ones added later, without a list to maintain.
        var node = JsonNode.Parse(JournalSerializer.Serialize(journalEvent))!;
        var redacted = Redact(node, redactor);
        return redacted is null ? journalEvent : (TEvent)JournalSerializer.Deserialize(redacted.ToJsonString());
    }

    /// <summary>Returns the redacted copy of <paramref name="node"/>, or <see langword="null"/> when it holds no secret.</summary>
    private static JsonNode? Redact(JsonNode? node, SecretRedactor redactor)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                JsonObject? copy = null;
                var index = 0;
                foreach (var (name, value) in obj)
                {
                    var newName = redactor.Redact(name);
                    var newValue = Redact(value, redactor);
                    if (copy is null && (newValue is not null || !ReferenceEquals(newName, name)))
                    {
                        copy = [];
                        foreach (var (earlierName, earlierValue) in obj.Take(index))
                        {
                            copy[earlierName] = earlierValue?.DeepClone();
                        }
                    }

                    if (copy is not null)
                    {
                        // Two names redacted to the same text keep the later value; both were secrets.
                        copy[newName] = newValue ?? value?.DeepClone();
                    }

                    index++;
                }

                return copy;
            }

            case JsonArray array:
            {
                JsonArray? copy = null;
                for (var i = 0; i < array.Count; i++)
                {
                    var newValue = Redact(array[i], redactor);
                    if (copy is null && newValue is not null)
                    {
                        copy = [];
                        for (var j = 0; j < i; j++)
                        {
                            copy.Add(array[j]?.DeepClone());
                        }
                    }

                    copy?.Add(newValue ?? array[i]?.DeepClone());
                }

                return copy;
            }

            case JsonValue value when value.TryGetValue<string>(out var text):
                var masked = redactor.Redact(text);
                return ReferenceEquals(masked, text) ? null : JsonValue.Create(masked);

            default:
                return null;
        }
    }
}
