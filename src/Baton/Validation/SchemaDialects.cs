using System.Text.RegularExpressions;
using Json.Schema;

namespace Baton.Validation;

/// <summary>
/// The JSON Schema dialects contracts are built with: the library's own (v1 by default, or the draft a schema's
/// <c>$schema</c> names), with bounded <c>pattern</c> and <c>patternProperties</c>, and never fetching a schema from
/// the network.
/// </summary>
internal static class SchemaDialects
{
    /// <summary>The longest one regular-expression match of a schema's <c>pattern</c> may run.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly IKeywordHandler[] s_bounded = [new BoundedPatternKeyword(), new BoundedPatternPropertiesKeyword()];
    private static readonly Dialect[] s_known = [Dialect.V1, Dialect.Draft202012, Dialect.Draft201909, Dialect.Draft07];
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

    /// <summary>Returns <paramref name="regex"/> interpreted, with <see cref="PatternTimeout"/>.</summary>
    /// <param name="regex">The library's regex.</param>
    /// <returns>The same pattern and options, bounded.</returns>
    public static Regex Bounded(Regex regex) => new(regex.ToString(), regex.Options & ~RegexOptions.Compiled, PatternTimeout);

    private static (Dialect, DialectRegistry) Create(bool allowUnknownKeywords)
    {
        var registry = new DialectRegistry();
        Dialect? first = null;
        foreach (var dialect in s_known)
        {
            var bounded = dialect.With(
                s_bounded,
                dialect.Id,
                refIgnoresSiblingKeywords: dialect.RefIgnoresSiblingKeywords,
                allowUnknownKeywords: allowUnknownKeywords || dialect.AllowUnknownKeywords);
            registry.Register(bounded);
            first ??= bounded;
        }

        return (first!, registry);
    }
}
