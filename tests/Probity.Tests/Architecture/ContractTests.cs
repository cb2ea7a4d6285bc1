using Mono.Cecil;
using Probity.Database;

namespace Probity.Tests.Architecture;

/// <summary>
/// A module uses another only through what that module offers in its <c>Contracts/</c> folder (namespace
/// <c>Probity.&lt;Module&gt;.Contracts</c>): its entities in the shared store, the services and records it lets others
/// call, and nothing of its slices (ADR 0012). Read from the compiled assembly, so a fully qualified name, a lambda or a
/// generic argument cannot slip past it. The host (composition root), the store (its DbSets name every module's
/// entities) and the generated migrations are the layers allowed to know modules whole.
/// </summary>
public sealed class ContractTests
{
    private static readonly string[] MayKnowModulesWhole = ["Host", "Database", "Migrations", "Kernel", "Infrastructure"];

    [Fact]
    public void A_module_uses_another_only_through_its_contracts()
    {
        var reaches = CrossModuleReferences(typeof(ProbityDb).Assembly.Location)
            .Where(r => !IsContract(r.Used))
            .Select(r => $"{r.User} uses {r.Used}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(reaches.Count == 0,
            "a module reached past another module's Contracts (move what it needs into that module's Contracts/, or ask through an interface there):\n  "
            + string.Join("\n  ", reaches));
    }

    [Fact]
    public void Every_module_a_module_uses_offers_contracts()
    {
        // The check above reads references out of IL: make sure it sees some, so a broken reader cannot pass silently.
        var used = CrossModuleReferences(typeof(ProbityDb).Assembly.Location).Select(r => ModuleOf(r.Used)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Cases", used);
        Assert.Contains("AuditTrail", used);
        Assert.Contains("Workforce", used);
    }

    [Fact]
    public void Types_are_internal_unless_another_assembly_must_name_them()
    {
        // Within one assembly accessibility cannot separate modules (the test above does); what it can say is that nothing
        // here is an API for another assembly. The exceptions are forced by the framework: the test host names Program,
        // MVC discovers only public view components, Razor only public tag helpers, and the EF tools generate each
        // migration public (generated code).
        var exposed = typeof(ProbityDb).Assembly.GetExportedTypes()
            .Where(t => t != typeof(Program) && !typeof(Microsoft.AspNetCore.Mvc.ViewComponent).IsAssignableFrom(t)
                && !typeof(Microsoft.AspNetCore.Razor.TagHelpers.ITagHelper).IsAssignableFrom(t)
                && t.Namespace?.StartsWith("Probity.Migrations.", StringComparison.Ordinal) != true)
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(exposed.Count == 0, "public types that should be internal (CA1515): " + string.Join(", ", exposed));
    }

    private static bool IsContract(string typeName) =>
        typeName.Split('.') is [_, _, "Contracts", ..];

    private static string ModuleOf(string typeName) => typeName.Split('.') is [_, var module, ..] ? module : "";

    private sealed record Reference(string User, string Used);

    private static List<Reference> CrossModuleReferences(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var module = assembly.MainModule;
        var found = new List<Reference>();

        void Add(TypeDefinition user, TypeReference? used)
        {
            switch (used)
            {
                case null: return;
                case GenericInstanceType generic:
                    Add(user, generic.ElementType);
                    foreach (var argument in generic.GenericArguments) Add(user, argument);
                    return;
                case TypeSpecification spec: Add(user, spec.ElementType); return;
                case GenericParameter: return;
            }
            if (used.Scope is not ModuleDefinition && used.Scope?.Name != module.Name) return;
            var outerUser = Outermost(user);
            var outerUsed = Outermost(used);
            var from = ModuleOf(outerUser.FullName);
            var to = ModuleOf(outerUsed.FullName);
            if (!outerUser.FullName.StartsWith("Probity.", StringComparison.Ordinal) || !outerUsed.FullName.StartsWith("Probity.", StringComparison.Ordinal)) return;
            if (from == to || MayKnowModulesWhole.Contains(from) || MayKnowModulesWhole.Contains(to)) return;
            found.Add(new Reference(outerUser.FullName, outerUsed.FullName));
        }

        foreach (var type in module.GetTypes())
        {
            Add(type, type.BaseType);
            foreach (var i in type.Interfaces) Add(type, i.InterfaceType);
            foreach (var a in type.CustomAttributes) Add(type, a.AttributeType);
            foreach (var f in type.Fields) Add(type, f.FieldType);
            foreach (var p in type.Properties) Add(type, p.PropertyType);
            foreach (var m in type.Methods)
            {
                Add(type, m.ReturnType);
                foreach (var p in m.Parameters) Add(type, p.ParameterType);
                if (!m.HasBody) continue;
                foreach (var v in m.Body.Variables) Add(type, v.VariableType);
                foreach (var instruction in m.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference t: Add(type, t); break;
                        case MethodReference method:
                            Add(type, method.DeclaringType); Add(type, method.ReturnType);
                            foreach (var p in method.Parameters) Add(type, p.ParameterType);
                            if (method is GenericInstanceMethod gm) foreach (var g in gm.GenericArguments) Add(type, g);
                            break;
                        case FieldReference field: Add(type, field.DeclaringType); Add(type, field.FieldType); break;
                    }
                }
            }
        }
        return found;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }
}
