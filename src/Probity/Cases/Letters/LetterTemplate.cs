namespace Probity.Cases.Letters;

/// <summary>
/// A letter template as the force has edited it (Liquid text, rendered by Fluid). A template never edited has no row:
/// the built-in wording (<see cref="LetterTemplates.BuiltIn"/>) is used.
/// </summary>
internal sealed class LetterTemplate
{
    public required string Name { get; set; }
    public required string Body { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
