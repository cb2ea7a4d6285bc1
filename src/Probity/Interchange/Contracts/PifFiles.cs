using Probity.Interchange.Pif;
using Probity.Registers.Contracts;

namespace Probity.Interchange.Contracts;

/// <summary>What other modules may do with the interchange format (docs: shared/interchange/README.md): write a bundle
/// as PIF files, and give an assignment the key the format gives it, so a generated bundle imports like a received one.</summary>
internal static class PifFiles
{
    /// <summary>Writes the bundle's files into the folder (created if missing).</summary>
    public static void Write(PifBundle bundle, string folder) => PifWriter.Write(bundle, folder);

    /// <summary>The assignment's natural key as the format defines it (see Interchange/Pif/README.md).</summary>
    public static string AssignmentKey(Assignment assignment) => PifFormat.AssignmentRowKey(assignment);
}
