namespace Probity.DemoForce;

/// <summary>
/// What demo force to generate. The same options always give the same bundle.
/// </summary>
/// <param name="Seed">Seed for the pseudo-random generator.</param>
/// <param name="Until">The last day of the generated history (the caller passes today's date from its TimeProvider). Required.</param>
/// <param name="Years">How many years of cases end at <paramref name="Until"/>.</param>
/// <param name="Scale">Multiplies staff numbers and case volumes (1 = a Metropolitan-Police-sized force).</param>
/// <param name="IncludeExposure">Also generate monthly activity rows per officer (large: about 400k rows a year at scale 1).</param>
internal sealed record DemoForceOptions(int Seed = 20081201, DateOnly? Until = null, int Years = 4, int Scale = 1, bool IncludeExposure = false);
