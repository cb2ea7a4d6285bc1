namespace Probity.Infrastructure.Web;

/// <summary>
/// One thing a person may choose in a field (a unit, a colleague): <see cref="Id"/> is what is stored, <see cref="Name"/>
/// what people read and type; <see cref="Number"/> another exact key they may type instead (a warrant number).
/// </summary>
internal sealed record Choice(string Id, string Name, string? Number = null);

/// <summary>
/// The things a field offers, and how typed text becomes one of them. The form offers every choice by name
/// (<c>_Choose.cshtml</c>: an input with a list of suggestions, which browsers show without any script); the server
/// accepts only an exact id, number or name (any case, its note in brackets optional), and otherwise refuses, suggesting the names that contain
/// what was typed. A near miss is never taken as a choice: a case allocated or an alert assigned to the wrong one
/// because of a typo is worse than a second try.
/// </summary>
internal sealed class ChoiceList(IEnumerable<Choice> choices)
{
    private const int MaxSuggestions = 5;

    public IReadOnlyList<Choice> Choices { get; } = choices.ToList();

    /// <summary>What the form offers for a choice: its name, or its name and id where two share the name.</summary>
    public string Offered(Choice choice) =>
        Choices.Count(c => string.Equals(c.Name, choice.Name, StringComparison.OrdinalIgnoreCase)) > 1 ? $"{choice.Name} ({choice.Id})" : choice.Name;

    /// <summary>What the form shows for a stored id: the choice's offered text, or the id itself if it is not (or no longer) a choice.</summary>
    public string Show(string? id) => id is null ? "" : Choices.FirstOrDefault(c => c.Id == id) is { } c ? Offered(c) : id;

    /// <summary>The choice the text names, or null with the names it might have meant (several sharing a name, or names containing it).</summary>
    public Choice? Find(string? typed, out IReadOnlyList<Choice> alike)
    {
        alike = [];
        var text = string.Join(' ', (typed ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length == 0) return null;
        var exact = Choices.Where(c => c.Id == text || c.Number == text || string.Equals(Offered(c), text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1) return exact[0];
        var named = Choices.Where(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 1) return named[0];
        // A name shown with a note in brackets ("Sam Okafor (DPS investigator)") may be typed without the note.
        var noted = Choices.Where(c => c.Name.StartsWith(text + " (", StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 0 && noted.Count == 1) return noted[0];
        alike = (named.Count > 1 ? named : Choices.Where(c => c.Name.Contains(text, StringComparison.OrdinalIgnoreCase))).Take(MaxSuggestions).ToList();
        return null;
    }

    /// <summary>" Did you mean A or B?" for a refusal, or nothing.</summary>
    public string Suggest(IReadOnlyList<Choice> alike) =>
        alike.Count == 0 ? "" : $" Did you mean {string.Join(" or ", alike.Select(Offered))}?";
}

/// <summary>A field choosing one of <see cref="Choices"/> by name, for <c>_Choose.cshtml</c>.</summary>
internal sealed record ChooseField(string Id, string Name, string Label, string? Value, ChoiceList Choices, bool Required = false, string? Hint = null);
