namespace Probity.Cases.Letters;

/// <summary>
/// A rendered letter read as blocks: paragraphs split by blank lines, a line starting "## " a heading. Both the PDF and
/// the Word document are laid out from these, so they say the same thing.
/// </summary>
internal static class LetterText
{
    internal sealed record Block(bool Heading, IReadOnlyList<string> Lines);

    public static IReadOnlyList<Block> Blocks(string text)
    {
        var blocks = new List<Block>();
        var lines = new List<string>();
        void Flush()
        {
            if (lines.Count > 0) blocks.Add(new Block(false, [.. lines]));
            lines.Clear();
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0) { Flush(); continue; }
            if (line.StartsWith("## ", StringComparison.Ordinal)) { Flush(); blocks.Add(new Block(true, [line[3..].Trim()])); continue; }
            lines.Add(line.Trim());
        }
        Flush();
        return blocks;
    }
}
