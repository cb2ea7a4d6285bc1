using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Probity.Cases.Letters;

/// <summary>A letter as a Word document (.docx), for a handler who must add to it before it goes: the same blocks as the PDF.</summary>
internal static class LetterDocx
{
    public static byte[] Render(string title, string text)
    {
        using var buffer = new MemoryStream();
        using (var word = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = title;
            word.PackageProperties.Creator = "Probity";
            var main = word.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in LetterText.Blocks(text))
            {
                var paragraph = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "160" }));
                for (var i = 0; i < block.Lines.Count; i++)
                {
                    var run = new Run();
                    if (block.Heading) run.Append(new RunProperties(new Bold(), new FontSize { Val = "25" }));
                    if (i > 0) run.Append(new Break());
                    run.Append(new Text(block.Lines[i]) { Space = SpaceProcessingModeValues.Preserve });
                    paragraph.Append(run);
                }
                body.Append(paragraph);
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1280, Bottom = 1280, Left = 1280, Right = 1280, Header = 708, Footer = 708, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return buffer.ToArray();
    }
}
