namespace ConvenerBot.Core.Conversations;

/// <summary>One message from a member, translated by an adapter into platform-neutral terms.</summary>
/// <param name="Conversation">The chat the message came from.</param>
/// <param name="ConversationTitle">The chat's name as the platform shows it.</param>
/// <param name="Member">Who wrote it.</param>
/// <param name="DisplayName">The member's name as the platform shows it.</param>
/// <param name="IsPlatformAdmin">True when the platform says this person administers the chat; they are organizers.</param>
/// <param name="Text">The message text, e.g. <c>/case open Funding gap</c>.</param>
public sealed record Inbound(
    ConversationRef Conversation,
    string ConversationTitle,
    MemberRef Member,
    string DisplayName,
    bool IsPlatformAdmin,
    string Text);
