namespace Probity.Risk.Model;

/// <summary>
/// The standard threshold rules the model is compared with (an early-intervention system's usual triggers):
/// 3 or more complaint allegations in 12 months, 2 or more in the same category group in 12 months, or any substantiated
/// finding in 12 months. Officers are ranked by (rules fired, complaints in 12 months) so the top k can be taken at the
/// same alert volume as the model.
/// </summary>
public static class ThresholdBaseline
{
    /// <summary>How many of the three rules fire for a feature row.</summary>
    public static int RulesFired(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var fired = 0;
        if (row[RiskFeatures.Complaints12m] >= 3) fired++;
        for (var g = 0; g < 5; g++)
            if (row[RiskFeatures.Group12m + g] >= 2) { fired++; break; }
        if (row[RiskFeatures.SubstantiatedKnown12m] >= 1) fired++;
        return fired;
    }

    /// <summary>A ranking score: rules fired first, then the 12-month complaint count.</summary>
    public static double Score(float[] row) => RulesFired(row) * 1000.0 + row[RiskFeatures.Complaints12m];

    public static double[] Scores(RiskSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Rows.Select(Score)];
    }

    /// <summary>How many officers the rules flag (at least one rule fired).</summary>
    public static int Flagged(RiskSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Rows.Count(r => RulesFired(r) > 0);
    }
}
