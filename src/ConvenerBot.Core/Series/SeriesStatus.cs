namespace ConvenerBot.Core.Series;

/// <summary>Whether a series still creates sessions: active, paused (for now) or ended (for good).</summary>
public enum SeriesStatus
{
    Active,
    Paused,
    Ended,
}
