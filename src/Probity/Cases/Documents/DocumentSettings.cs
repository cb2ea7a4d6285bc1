using System.Globalization;

namespace Probity.Cases.Documents;

/// <summary>
/// The largest document a person may attach (Probity:Documents:MaxMegabytes, default 20). The limit is applied as the
/// upload arrives: the request may carry at most this much content (and the form around it), so nothing larger is read.
/// </summary>
internal sealed record DocumentSettings(int MaxMegabytes = 20)
{
    public const string Section = "Probity:Documents";

    public long MaxBytes => MaxMegabytes * 1024L * 1024L;

    public static DocumentSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[$"{Section}:{nameof(MaxMegabytes)}"];
        if (string.IsNullOrWhiteSpace(text)) return new();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) || mb < 1 || mb > 200)
            throw new InvalidDataException($"{Section}:{nameof(MaxMegabytes)} must be a whole number from 1 to 200 (it is '{text}').");
        return new(mb);
    }
}
