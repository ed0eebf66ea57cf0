using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Baton.Journal;

/// <summary>Maps journal event types to the kind names written in JSON.</summary>
internal static class JournalEventKinds
{
    private static readonly ConcurrentDictionary<Type, string> s_kinds = new(
        typeof(JournalEvent).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!));

    public static string Of(JournalEvent e) =>
        s_kinds.TryGetValue(e.GetType(), out var kind) ? kind : e.GetType().Name;
}
