namespace Baton.Tests.Json;

/// <summary>
/// Puts raw lone surrogates into theory data at run time: xunit serializes <c>[InlineData]</c> strings, which turns a lone
/// surrogate into U+FFFD before the test sees it. <c>{HI}</c> becomes U+D83D and <c>{LO}</c> U+DC00.
/// </summary>
internal static class Lone
{
    public static string Surrogates(string text) =>
        text.Replace("{HI}", "\ud83d", StringComparison.Ordinal).Replace("{LO}", "\udc00", StringComparison.Ordinal);
}
