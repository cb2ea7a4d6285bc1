using Probity.Registers.Interests;
using Probity.Registers.Vetting;

namespace Probity.Registers;

/// <summary>The Registers module's front door: the business interests, vetting, organisational learning and risk registers, the support programme, gold groups, oversight dip samples, the Service Confidence register, the Directorate's budget and staffing and the strategy board pack (docs/adr/0016-registers.md).</summary>
internal static class RegistersModule
{
    public static IServiceCollection AddRegisters(this IServiceCollection services)
    {
        services.AddScoped<RegisterUnits>();
        services.AddScoped<BusinessInterestsRegisterHandler>();
        services.AddScoped<BusinessInterestHandler>();
        services.AddScoped<VettingRegisterHandler>();
        services.AddScoped<RecordVettingHandler>();
        services.AddScoped<RegisterFiles.RegisterFilesHandler>();
        services.AddScoped<Learning.LearningRegisterHandler>();
        services.AddScoped<Learning.LearningRecommendationHandler>();
        services.AddScoped<RiskRegisters.RiskRegisterHandler>();
        services.AddScoped<RiskRegisters.RegisterRiskHandler>();
        services.AddScoped<DipSampling.DipSamplesHandler>();
        services.AddScoped<DipSampling.DipSampleHandler>();
        services.AddScoped<ServiceConfidence.ServiceConfidenceRegisterHandler>();
        services.AddScoped<ServiceConfidence.ServiceConfidenceHandler>();
        services.AddScoped<SupportProgramme.SupportProgrammeHandler>();
        services.AddScoped<SupportProgramme.BoroughPackHandler>();
        services.AddScoped<GoldGroups.GoldGroupsHandler>();
        services.AddScoped<GoldGroups.GoldGroupHandler>();
        services.AddScoped<Resources.DirectorateResourcesHandler>();
        services.AddScoped<BoardPack.BoardPackHandler>();
        services.AddScoped<BoroughReturns.BoroughReturnsHandler>();
        return services;
    }

    /// <summary>The boroughs' monthly returns' JSON API (ADR 0026; the pages map themselves).</summary>
    public static IEndpointRouteBuilder MapRegisters(this IEndpointRouteBuilder app) => BoroughReturns.BoroughReturnsApi.MapBoroughReturnsApi(app);
}
