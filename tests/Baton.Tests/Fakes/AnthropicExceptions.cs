#pragma warning disable CA1032, CA1064, RCS1194 // Stand-ins: only the type names matter.

// Stand-ins with the namespace and type names of the Anthropic SDK's exceptions (package "Anthropic"),
// so the classifier's name-based mapping is tested without referencing the SDK.
namespace Anthropic.Exceptions;

internal sealed class AnthropicRateLimitException : Exception;

internal sealed class Anthropic5xxException(string message) : Exception(message);

internal sealed class AnthropicBadRequestException : Exception;
