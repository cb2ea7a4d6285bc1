namespace Probity.Tests;

/// <summary>
/// Reports as it is told, on the reporting thread: <see cref="Progress{T}"/> posts each report to the thread pool, so a
/// test reading what was reported could read it before it arrives.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
