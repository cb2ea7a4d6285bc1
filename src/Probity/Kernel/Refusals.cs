namespace Probity.Kernel;

/// <summary>
/// The one exception type for a refused business action (an illegal transition, a finding the route does not
/// allow ...). Its message is written for the person who asked, and is shown to them as it is: on a page as a
/// validation message, through the API as a 422 ProblemDetails.
/// </summary>
internal sealed class ActionRefusedException(string message) : Exception(message);

/// <summary>The record changed since the user loaded it (optimistic concurrency).</summary>
internal sealed class EditConflictException(string message) : Exception(message);

/// <summary>The record does not exist, or the user may not know it exists (need-to-know): the same answer for both.</summary>
internal sealed class RecordNotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>A store another process holds for the moment (the access-event store is one process at a time): try again shortly.</summary>
internal sealed class StoreBusyException(string message, Exception inner) : Exception(message, inner);
