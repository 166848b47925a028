namespace ConvenerBot.Core.Scheduling;

/// <summary>What a series repeats by: RFC 5545's <c>FREQ=WEEKLY</c> or <c>FREQ=MONTHLY</c>.</summary>
public enum SeriesFrequency
{
    Weekly,
    Monthly,
}
