namespace ConvenerBot.Core.Conversations;

/// <summary>What kind of chat a message came from; it decides where rights come from.</summary>
public enum ConversationKind
{
    /// <summary>A platform group or channel: organizers are the platform's administrators and whoever they (or other organizers) name.</summary>
    Group,

    /// <summary>A private chat with the bot: the member's personal space, never a group.</summary>
    Private,

    /// <summary>The local terminal chat: names identify people and the first member of the group is its organizer.</summary>
    Local,
}
