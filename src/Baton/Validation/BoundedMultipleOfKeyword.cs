using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace Baton.Validation;

/// <summary>
/// JSON Schema's <c>multipleOf</c> for numbers of bounded size: the library divides digit by digit in buffers on the
/// stack, sized by the numbers' digits and exponents, so a number such as <c>1e99999999</c> would overflow the stack
/// and end the process. Larger numbers are invalid outputs (or, in a schema, an invalid schema).
/// </summary>
internal sealed class BoundedMultipleOfKeyword : MultipleOfKeyword
{
    /// <summary>The most digits, or the largest exponent, a number checked by <c>multipleOf</c> may have.</summary>
    public const int MaxDigits = 1000;

    public override object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && !IsBounded(value))
        {
            throw new JsonSchemaException($"'multipleOf' is {JsonText.Clip(value.GetRawText(), 40)}; it must have at most {MaxDigits} digits and an exponent of at most {MaxDigits}.");
        }

        return base.ValidateKeywordValue(value);
    }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind == JsonValueKind.Number && !IsBounded(context.Instance))
        {
            return new KeywordEvaluation
            {
                Keyword = "multipleOf",
                IsValid = false,
                Error = $"The number {JsonText.Clip(context.Instance.GetRawText(), 40)} is too large to check against multipleOf (at most {MaxDigits} digits and an exponent of at most {MaxDigits}).",
            };
        }

        return base.Evaluate(keyword, context);
    }

    // The raw text's length bounds the digits; the exponent is read with saturation (a longer one is out of bounds).
    private static bool IsBounded(JsonElement number)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(number);
        if (raw.Length > MaxDigits)
        {
            return false;
        }

        var e = raw.IndexOfAny((byte)'e', (byte)'E');
        if (e < 0)
        {
            return true;
        }

        var exponent = 0;
        foreach (var b in raw[(e + 1)..])
        {
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                exponent = (exponent * 10) + (b - '0');
                if (exponent > MaxDigits)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
