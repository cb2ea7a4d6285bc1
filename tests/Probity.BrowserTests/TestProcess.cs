using System.Runtime.CompilerServices;

namespace Probity.BrowserTests;

/// <summary>
/// Every host this test process starts polls its files instead of watching them. Each host's file providers (content root,
/// web root, configuration reload) otherwise take inotify instances, of which Linux allows 128 per user by default: a run
/// that starts hundreds of hosts (every test that needs a force of its own) ran out, and a later host answered 500 while
/// watching its web root. Polling is how the hosts behave in containers without inotify anyway.
/// </summary>
internal static class TestProcess
{
    [ModuleInitializer]
    internal static void PollFilesInsteadOfWatching() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
