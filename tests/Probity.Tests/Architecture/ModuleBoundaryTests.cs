using NetArchTest.Rules;
using Probity.Database;

namespace Probity.Tests.Architecture;

/// <summary>
/// Who may call whom (docs/ARCHITECTURE.md, ADR 0012): the kernel and Infrastructure are leaves that know no module;
/// the store (Database) knows every module's entities; only the host knows every module's wiring, and no module
/// knows the host.
/// </summary>
public sealed class ModuleBoundaryTests
{
    /// <summary>The business modules: each a top-level folder and namespace under src/Probity.</summary>
    public static readonly string[] Modules =
    [
        "Probity.AccessMonitoring", "Probity.AuditTrail", "Probity.Cases", "Probity.DemoForce", "Probity.Home", "Probity.Identity",
        "Probity.Intelligence", "Probity.Interchange", "Probity.Performance", "Probity.Registers", "Probity.Risk", "Probity.Workforce",
    ];

    private static Types Probity => Types.InAssembly(typeof(ProbityDb).Assembly);

    private static void Holds(NetArchTest.Rules.TestResult result, string rule) =>
        Assert.True(result.IsSuccessful, $"{rule}; broken by: {string.Join(", ", result.FailingTypeNames ?? [])}");

    [Fact]
    public void Infrastructure_imports_no_module_nor_the_store_nor_the_host() =>
        Holds(Probity.That().ResideInNamespace("Probity.Infrastructure")
            .ShouldNot().HaveDependencyOnAny([.. Modules, "Probity.Database", "Probity.Host", "Probity.Migrations"]).GetResult(),
            "Infrastructure is a leaf: it may use the kernel and libraries only");

    [Fact]
    public void The_kernel_imports_nothing_else_of_Probity() =>
        Holds(Probity.That().ResideInNamespace("Probity.Kernel")
            .ShouldNot().HaveDependencyOnAny([.. Modules, "Probity.Database", "Probity.Host", "Probity.Migrations", "Probity.Infrastructure"]).GetResult(),
            "the kernel (vocabulary, refusals, the reader's scope) depends on nothing else in Probity");

    [Fact]
    public void No_module_and_not_the_store_knows_the_host() =>
        Holds(Probity.That().ResideInNamespace("Probity").And().DoNotResideInNamespace("Probity.Host")
            .ShouldNot().HaveDependencyOn("Probity.Host").GetResult(),
            "only the host composes modules; nothing calls back into it");

    [Fact]
    public void Every_top_level_namespace_is_a_known_module_or_layer()
    {
        string[] layers = ["Probity.Kernel", "Probity.Infrastructure", "Probity.Database", "Probity.Migrations", "Probity.Host"];
        var unknown = Probity.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("Probity.", StringComparison.Ordinal))
            .Select(n => string.Join('.', n!.Split('.').Take(2)))
            .Distinct(StringComparer.Ordinal)
            .Where(n => !Modules.Contains(n) && !layers.Contains(n))
            .Order(StringComparer.Ordinal)
            .ToList();
        // A new module is added to Modules above (and to docs/ARCHITECTURE.md) so the rules above cover it.
        Assert.Empty(unknown);
    }
}
