using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Journal;

namespace Baton.Tests.Journal;

/// <summary>
/// Builds one fixed sample of every journal event kind registered on <see cref="JournalEvent"/>, with every
/// settable property filled by a deterministic value derived from its type and name (fixed run id, sequence and
/// timestamp), so the journal's JSON shape can be snapshotted and new event kinds are covered without hand edits.
/// </summary>
internal static class JournalSamples
{
    private static readonly DateTimeOffset s_timestamp = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Gets the registered kinds, as written in JSON, with their event types, sorted by kind.</summary>
    public static IReadOnlyList<(string Kind, Type Type)> RegisteredKinds() =>
        [.. typeof(JournalEvent).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .Select(a => ((string)a.TypeDiscriminator!, a.DerivedType))
            .OrderBy(k => k.Item1, StringComparer.Ordinal)];

    /// <summary>Creates the sample of <paramref name="type"/>, stamped as event <paramref name="sequence"/> of run <c>run-1</c>.</summary>
    public static JournalEvent Create(Type type, long sequence)
    {
        var sample = (JournalEvent)Fill(Activator.CreateInstance(type)!, depth: 0);
        return sample with { RunId = "run-1", Sequence = sequence, Timestamp = s_timestamp.AddSeconds(sequence), Step = 1, Agent = "writer", LeaseEpoch = 2 };
    }

    private static object Fill(object instance, int depth)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
                && property.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            {
                property.SetValue(instance, Value(property.PropertyType, $"{instance.GetType().Name}.{property.Name}", depth));
            }
        }

        return instance;
    }

    private static object? Value(Type type, string name, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Value(underlying, name, depth);
        }

        if (type == typeof(string))
        {
            return name;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1);
        }

        return type switch
        {
            _ when type == typeof(bool) => true,
            _ when type == typeof(int) => 2,
            _ when type == typeof(long) => 3L,
            _ when type == typeof(double) => 1.5,
            _ when type == typeof(float) => 2.5f,
            _ when type == typeof(decimal) => 3.5m,
            _ when type == typeof(DateTimeOffset) => s_timestamp,
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(90),
            _ when type == typeof(Guid) => new Guid("01234567-89ab-cdef-0123-456789abcdef"),
            _ when type == typeof(JsonElement) => JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["sample"] = name }),
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) => ImmutableArrayOf(type.GetGenericArguments()[0], name, depth),
            { IsArray: true } => ArrayOf(type.GetElementType()!, name, depth),
            { IsGenericType: true } when typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 =>
                ArrayOf(type.GetGenericArguments()[0], name, depth),
            _ when depth < 3 => Construct(type, name, depth + 1),
            _ => null,
        };
    }

    private static Array ArrayOf(Type element, string name, int depth)
    {
        var array = Array.CreateInstance(element, 1);
        array.SetValue(Value(element, name + "[0]", depth), 0);
        return array;
    }

    private static object ImmutableArrayOf(Type element, string name, int depth) =>
        typeof(ImmutableArray).GetMethods()
            .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsGenericParameter: true }])
            .MakeGenericMethod(element)
            .Invoke(null, [Value(element, name + "[0]", depth)])!;

    private static object? Construct(Type type, string name, int depth)
    {
        if (type.IsAbstract || type.IsInterface)
        {
            return null;
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        var arguments = constructor.GetParameters().Select(p => Value(p.ParameterType, $"{type.Name}.{p.Name}", depth)).ToArray();
        var instance = constructor.Invoke(arguments);
        return constructor.GetParameters().Length == 0 ? Fill(instance, depth) : instance;
    }
}
