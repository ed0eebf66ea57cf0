namespace Baton.Orchestration.Turns;

/// <summary>What follows a rejected reply, as <see cref="Journal.ValidationFailed.Next"/> records it.</summary>
internal static class ValidationNext
{
    public const string Reask = "reask";
    public const string Fallback = "fallback";
    public const string Fail = "fail";
}
