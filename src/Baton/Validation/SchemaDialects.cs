using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Baton.Validation;

/// <summary>
/// The JSON Schema dialects contracts are built with: the library's own (v1 by default, or the draft a schema's
/// <c>$schema</c> names), with bounded <c>pattern</c>, <c>patternProperties</c> and <c>multipleOf</c>, references that stop before the
/// stack runs out, and never fetching a schema from the network.
/// </summary>
internal static class SchemaDialects
{
    /// <summary>The longest one regular-expression match of a schema's <c>pattern</c> may run.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    // Each dialect with its own reference keywords guarded (the classes differ per dialect) and bounded patterns.
    private static readonly (Dialect Dialect, IKeywordHandler[] Replacements)[] s_known =
    [
        (Dialect.V1, [new GuardedDynamicRefKeyword()]),
        (Dialect.Draft202012, [new GuardedDraft202012DynamicRefKeyword()]),
        (Dialect.Draft201909, [new GuardedRecursiveRefKeyword()]),
        (Dialect.Draft07, []),
    ];
    private static readonly (Dialect Default, DialectRegistry Registry) s_strict = Create(allowUnknownKeywords: false);
    private static readonly (Dialect Default, DialectRegistry Registry) s_lenient = Create(allowUnknownKeywords: true);

    /// <summary>Creates build options with a private schema registry that resolves only what the schema itself holds.</summary>
    /// <param name="allowUnknownKeywords">
    /// Whether keywords no dialect defines are ignored even by dialects that reject them (used once a schema's only
    /// unknown keywords are <c>x-</c> extensions).
    /// </param>
    /// <returns>The options.</returns>
    public static BuildOptions Options(bool allowUnknownKeywords)
    {
        var (dialect, registry) = allowUnknownKeywords ? s_lenient : s_strict;

        // A remote $ref stays unresolved (and is reported when the contract is created): no network at run time.
        var schemas = new SchemaRegistry { Fetch = static (_, _) => null };
        return new BuildOptions { SchemaRegistry = schemas, DialectRegistry = registry, Dialect = dialect };
    }

    /// <summary>Throws <see cref="InsufficientExecutionStackException"/> when the thread's stack is running low.</summary>
    /// <exception cref="InsufficientExecutionStackException">Going deeper could overflow the stack.</exception>
    public static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new InsufficientExecutionStackException("The schema's references nest too deeply for this value.");
        }
    }

    /// <summary>Returns <paramref name="regex"/> interpreted, with <see cref="PatternTimeout"/>.</summary>
    /// <param name="regex">The library's regex.</param>
    /// <returns>The same pattern and options, bounded.</returns>
    public static Regex Bounded(Regex regex) => new(regex.ToString(), regex.Options & ~RegexOptions.Compiled, PatternTimeout);

    private static (Dialect, DialectRegistry) Create(bool allowUnknownKeywords)
    {
        var registry = new DialectRegistry();
        Dialect? first = null;
        foreach (var (dialect, replacements) in s_known)
        {
            var bounded = dialect.With(
                [new BoundedPatternKeyword(), new BoundedPatternPropertiesKeyword(), new BoundedMultipleOfKeyword(), new GuardedRefKeyword(), .. replacements],
                dialect.Id,
                refIgnoresSiblingKeywords: dialect.RefIgnoresSiblingKeywords,
                allowUnknownKeywords: allowUnknownKeywords || dialect.AllowUnknownKeywords);
            registry.Register(bounded);
            first ??= bounded;
        }

        return (first!, registry);
    }
}
