using Probity.Cases.Contracts;
using Probity.Infrastructure.Configuration;

namespace Probity.Cases;

/// <summary>The Cases module's wiring: its only public entry points are AddCases and MapCasesApi.</summary>
internal static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddSingleton(_ => RulebookCatalogue.LoadBuiltIn());
        services.AddSingleton<CaseTargets>();
        services.AddScoped<CaseEditing>();
        services.AddScoped<CaseReferences>();
        services.AddScoped<RecordCase.RecordCaseHandler>();
        services.AddScoped<ICaseIntake>(sp => sp.GetRequiredService<RecordCase.RecordCaseHandler>());
        services.AddScoped<DecideHandlingRoute.DecideHandlingRouteHandler>();
        services.AddScoped<AllocateCase.AllocateCaseHandler>();
        services.AddScoped<AssignCase.AssignCaseHandler>();
        services.AddScoped<RemoveDocument.RemoveDocumentHandler>();
        services.AddScoped<HandleLocally.HandleLocallyHandler>();
        services.AddScoped<AmendAllegations.AmendAllegationsHandler>();
        services.AddScoped<RelateCases.RelateCasesHandler>();
        services.AddScoped<ContactLog.LogContactHandler>();
        services.AddScoped<RecordFinding.RecordFindingHandler>();
        services.AddScoped<RecordSanction.RecordSanctionHandler>();
        services.AddScoped<LodgeAppeal.LodgeAppealHandler>();
        services.AddScoped<DecideAppeal.DecideAppealHandler>();
        services.AddScoped<AssessSeverity.AssessSeverityHandler>();
        services.AddScoped<ConductHearings.ConductHearingsHandler>();
        services.AddScoped<ReflectivePractice.ReflectivePracticeHandler>();
        services.AddScoped<InvestigationReport.InvestigationReportHandler>();
        services.AddScoped<RecordedInError.RecordedInErrorHandler>();
        services.AddScoped<Litigation.LitigationHandler>();
        services.AddScoped<FinaliseCase.FinaliseCaseHandler>();
        services.AddScoped<RestrictCase.RestrictCaseHandler>();
        services.AddScoped<RecordDecision.RecordDecisionHandler>();
        services.AddScoped<CorrectIntake.CorrectIntakeHandler>();
        services.AddScoped<SearchCases.SearchCasesHandler>();
        services.AddScoped<ICaseSearch>(sp => sp.GetRequiredService<SearchCases.SearchCasesHandler>());
        services.AddSingleton<SearchCases.SearchCounts>();
        services.AddScoped<ViewCase.ViewCaseHandler>();
        services.AddScoped<IComplaintFigures, ComplaintFigures.ComplaintFiguresQuery>();
        services.AddConfiguredSetting(Documents.DocumentSettings.Load);
        services.AddScoped<Documents.CaseDocumentStore>();
        services.AddScoped<Letters.LetterTemplates>();
        services.AddScoped<Letters.SendLetterHandler>();
        services.AddScoped<ICaseCorrespondence, Letters.CaseCorrespondence>();
        services.AddConfiguredSetting(MyCases.CaseloadSettings.Load);
        services.AddScoped<MyCases.CaseloadHandler>();
        services.AddScoped<ICaseloads>(sp => sp.GetRequiredService<MyCases.CaseloadHandler>());
        services.AddConfiguredSetting(Infrastructure.Mail.MailSettings.Load);
        services.AddSingleton<Infrastructure.Mail.SmtpMail>();
        services.AddSingleton<MyCases.CaseloadDigest>();
        services.AddSingleton<MyCases.DailyDigest>();
        return services;
    }

    /// <summary>The web host's part: the daily caseload digest (the command line sends it when asked).</summary>
    public static IServiceCollection AddCasesJobs(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<MyCases.DailyDigest>());
        return services;
    }
}
