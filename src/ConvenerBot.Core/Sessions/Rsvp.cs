namespace ConvenerBot.Core.Sessions;

/// <summary>One member's answer for one session, with what the reminders need to know about them.</summary>
/// <param name="MemberExternalId">The member's platform id, to write to them privately.</param>
/// <param name="CaseTitle">The case they offered to bring (only with <see cref="RsvpAnswer.Case"/>).</param>
/// <param name="RemindedAt">When they were last reminded privately of this session (or covered by the group's reminder because they could not be reached).</param>
/// <param name="PrivateOff">They asked for no private reminders (<c>/reminders private off</c>).</param>
/// <param name="ToldUnreachable">The group was told once already that they cannot be written to privately.</param>
public sealed record Rsvp(
    long MemberId,
    string MemberExternalId,
    string DisplayName,
    RsvpAnswer Answer,
    string? CaseTitle,
    DateTimeOffset AnsweredAt,
    DateTimeOffset? RemindedAt,
    bool PrivateOff,
    bool ToldUnreachable)
{
    /// <summary>Going, or going with a case.</summary>
    public bool IsGoing => Answer is RsvpAnswer.Going or RsvpAnswer.Case;

    /// <summary>Whether the member wants to hear of the session: going, maybe, or bringing a case.</summary>
    public bool IsComing => Answer is not RsvpAnswer.No;
}
