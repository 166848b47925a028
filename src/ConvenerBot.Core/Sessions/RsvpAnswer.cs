namespace ConvenerBot.Core.Sessions;

/// <summary>A member's answer to whether they come to a scheduled session.</summary>
public enum RsvpAnswer
{
    Going,
    Maybe,

    /// <summary>Can't come.</summary>
    No,

    /// <summary>Going, and would like to bring a case (its title is recorded with the answer; no case is opened).</summary>
    Case,
}
