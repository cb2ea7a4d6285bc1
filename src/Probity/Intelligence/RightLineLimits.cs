namespace Probity.Intelligence;

internal static class RightLineLimits
{
    /// <summary>A report or a message, in characters.</summary>
    public const int Text = 8000;
    /// <summary>The Bureau's assessment note.</summary>
    public const int Note = 2000;
}

internal static class IntelligenceLimits
{
    /// <summary>An item's text or a sanitised version, in characters.</summary>
    public const int Text = 8000;
    /// <summary>Handling conditions.</summary>
    public const int Conditions = 1000;
    /// <summary>A review note or a dissemination's reason.</summary>
    public const int Note = 2000;
    /// <summary>Who an item was disseminated to.</summary>
    public const int Recipient = 200;
    /// <summary>Links of each kind on one item.</summary>
    public const int Links = 50;
}
