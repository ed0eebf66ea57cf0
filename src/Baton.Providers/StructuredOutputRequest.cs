using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// What a request asks a provider to enforce: the JSON schema of <see cref="ChatOptions.ResponseFormat"/>, exactly as
/// the caller wrote it, and a name the providers accept for it.
/// </summary>
internal sealed record StructuredOutputRequest(JsonElement Schema, string Name, string? Description)
{
    private const int MaxNameLength = 64;

    /// <summary>Reads the schema request from <paramref name="options"/>, or <see langword="null"/> when it asks for none.</summary>
    public static StructuredOutputRequest? From(ChatOptions? options) =>
        options?.ResponseFormat is ChatResponseFormatJson { Schema: { ValueKind: JsonValueKind.Object } schema } json
            ? new StructuredOutputRequest(schema, SafeName(json.SchemaName), json.SchemaDescription)
            : null;

    /// <summary>Gets the schema's JSON text, byte for byte the caller's schema (no keyword is moved or dropped).</summary>
    public string SchemaText => Schema.GetRawText();

    /// <summary>Gets whether the schema's root is an object, which tool inputs require.</summary>
    public bool IsObject =>
        Schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object";

    // OpenAI and Anthropic accept names of letters, digits, '_' and '-', at most 64 characters.
    private static string SafeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "response";
        }

        var sb = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (var c in name)
        {
            if (sb.Length == MaxNameLength)
            {
                break;
            }

            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return sb.ToString();
    }
}
