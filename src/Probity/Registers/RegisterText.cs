using Probity.Kernel;

namespace Probity.Registers;

/// <summary>Free text typed into a register: trimmed, empty meaning none, refused naming the field when missing or too long.</summary>
internal static class RegisterText
{
    public static string? Optional(string? value, string field, int max)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is not null && text.Length > max) throw new ActionRefusedException($"{field}: at most {max} characters ({text.Length} given).");
        return text;
    }

    public static string Required(string? value, string field, int max) =>
        Optional(value, field, max) ?? throw new ActionRefusedException($"{field}: required.");

    public static string Choose(string? code, IReadOnlyDictionary<string, string> allowed, string field) =>
        code is not null && allowed.ContainsKey(code) ? code : throw new ActionRefusedException($"{field}: choose one of {string.Join(", ", allowed.Values)}.");
}
