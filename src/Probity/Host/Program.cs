using Probity.Host;

// One host: with a verb it is the command line (import, export, trail verify ...); without, the web application.
if (ProbityCli.Handles(args)) return await ProbityCli.RunAsync(args);

var app = ProbityWeb.Build(args);
await ProbityWeb.PrepareAsync(app.Services);
await app.RunAsync();
return 0;

// Public for the test host (WebApplicationFactory<Program> in the integration and browser tests), the one type another
// assembly must name.
#pragma warning disable CA1515
public partial class Program;
#pragma warning restore CA1515
