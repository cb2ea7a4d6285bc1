using Probity.Host;

namespace Probity.Tests.Host;

/// <summary>
/// Which arguments the command line takes and which start the web host. A verb the command line did not recognise used to
/// start the web host instead, silently (the intelligence verbs did, until they were added to a list kept by hand).
/// </summary>
public sealed class ProbityCliTests
{
    [Theory]
    [InlineData("import"), InlineData("export"), InlineData("demo-bundle"), InlineData("trail"), InlineData("migrate"), InlineData("users")]
    [InlineData("pmf"), InlineData("risk"), InlineData("audit"), InlineData("digest"), InlineData("registers"), InlineData("intelligence")]
    [InlineData("--help"), InlineData("-h"), InlineData("-?")]
    public void Every_verb_runs_the_command_line(string verb) => Assert.True(ProbityCli.Handles([verb, "--as", "someone"]));

    [Theory]
    [InlineData("--urls=http://127.0.0.1:5000"), InlineData("--ConnectionStrings:Probity=Data Source=x.db"), InlineData("serve"), InlineData("Import")]
    public void Anything_else_serves_the_web_application(string first) => Assert.False(ProbityCli.Handles([first]));

    [Fact]
    public void No_arguments_serves_the_web_application() => Assert.False(ProbityCli.Handles([]));
}
