namespace ConvenerBot.Core.Members;

/// <summary>Who a member is on their platform: the id that identifies them, and what is only shown.</summary>
/// <param name="ExternalId">The platform's id of the person; the only thing that identifies them.</param>
/// <param name="DisplayName">How the platform shows them; anyone can copy it, so it is never used to find them.</param>
/// <param name="Handle">Their unique platform username in lower case (Telegram's @name), if they have one.</param>
public sealed record MemberProfile(string ExternalId, string DisplayName, string? Handle = null)
{
    /// <summary>
    /// True when <see cref="Handle"/> is what the platform says now, so null means the person has no
    /// username any more and a stored one is forgotten (someone else may take it). False when the source
    /// did not tell (a mention without the username): a stored handle is kept.
    /// </summary>
    public bool HandleKnown { get; init; } = true;
}
