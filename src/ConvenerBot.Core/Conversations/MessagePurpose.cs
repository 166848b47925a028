namespace ConvenerBot.Core.Conversations;

/// <summary>Why a message is sent, so that each platform can show it in its own way.</summary>
public enum MessagePurpose
{
    /// <summary>An answer, prompt or result the reader needs to see as a message.</summary>
    Answer,

    /// <summary>
    /// A routine "saved" confirmation of a contribution. Platforms may show it as a reaction on the member's
    /// message or only to the member, and send it after prompts and answers.
    /// </summary>
    Acknowledgement,

    /// <summary>
    /// A contribution shown to the whole group. Only platforms whose members cannot see what another member
    /// typed (Discord's slash command options) post it; elsewhere the member's own message already shows it.
    /// </summary>
    Echo,
}
