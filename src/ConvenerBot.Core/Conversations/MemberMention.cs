namespace ConvenerBot.Core.Conversations;

/// <summary>
/// The person a message points at, as the platform identifies them: the author of the message replied
/// to, a mention that carries a user id, or a user picked in a form. Display names are shown, never trusted.
/// </summary>
/// <param name="Member">The person's platform identity, when the platform gave it.</param>
/// <param name="Handle">The person's unique platform username (e.g. Telegram's @name, without the @) when only that is known.</param>
/// <param name="DisplayName">How the platform shows the person.</param>
public sealed record MemberMention(MemberRef? Member, string? Handle, string DisplayName);
