using Probity.Cases.Appeals;
using Probity.Cases.Rulebooks;

namespace Probity.Cases;

/// <summary>The Cases module's wiring: its only public entry points are AddCases and MapCasesApi.</summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddSingleton(_ => Rulebooks.Rulebooks.LoadBuiltIn());
        services.AddSingleton<CaseTargets>();
        services.AddScoped<CaseEditing>();
        services.AddScoped<CaseReferences>();
        services.AddScoped<RecordCase.RecordCase>();
        services.AddScoped<DecideHandlingRoute.DecideHandlingRoute>();
        services.AddScoped<AllocateCase.AllocateCase>();
        services.AddScoped<RecordFinding.RecordFinding>();
        services.AddScoped<RecordSanction.RecordSanction>();
        services.AddScoped<LodgeAppeal>();
        services.AddScoped<DecideAppeal>();
        services.AddScoped<FinaliseCase.FinaliseCase>();
        services.AddScoped<RestrictCase.RestrictCase>();
        services.AddScoped<RecordDecision.RecordDecision>();
        services.AddScoped<CorrectIntake.CorrectIntake>();
        services.AddScoped<SearchCases.SearchCases>();
        services.AddSingleton<SearchCases.SearchCounts>();
        services.AddScoped<ViewCase.ViewCase>();
        return services;
    }
}
