namespace ConvenerBot.Core.Groups;

/// <summary>How a group wants its sessions run; organizers change it with <c>/settings</c>.</summary>
/// <param name="AutoStart">Start a scheduled session at its time by itself, instead of asking its facilitator to press Start.</param>
/// <param name="GraceMinutes">How long after its time a session nobody started becomes missed.</param>
/// <param name="AutoAdvance">Move to the next stage when a stage's time is up, instead of only saying so.</param>
public sealed record GroupSettings(bool AutoStart = false, int GraceMinutes = GroupSettings.DefaultGraceMinutes, bool AutoAdvance = false)
{
    public const int DefaultGraceMinutes = 120;

    /// <summary>The shortest grace period: a facilitator a few minutes late must not find the session missed.</summary>
    public const int MinGraceMinutes = 15;

    /// <summary>The longest grace period: half a day, after which nobody is waiting any more.</summary>
    public const int MaxGraceMinutes = 720;

    public static GroupSettings Default { get; } = new();

    public TimeSpan Grace => TimeSpan.FromMinutes(GraceMinutes);
}
