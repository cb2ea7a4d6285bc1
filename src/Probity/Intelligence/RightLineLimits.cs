namespace Probity.Intelligence;

internal static class RightLineLimits
{
    /// <summary>A report or a message, in characters.</summary>
    public const int Text = 8000;
    /// <summary>The Bureau's assessment note.</summary>
    public const int Note = 2000;
}
