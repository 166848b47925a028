using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Groups;

public interface IGroupRepository
{
    /// <summary>Finds the group of a conversation, creating it (with the given time zone) on first contact.</summary>
    Task<Group> GetOrCreateAsync(ConversationRef conversation, string title, string timeZone, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A group by its row id (for work that names it), or null when there is none.</summary>
    Task<Group?> FindByIdAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>The group of a conversation, or null when the bot has never heard from it.</summary>
    Task<Group?> FindAsync(ConversationRef conversation, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the group to a new conversation id (a Telegram group upgraded to a supergroup gets a new chat
    /// id): cases, sessions and roles go with it, while its recorded stage prompts (message ids of the old
    /// chat) are dropped. A group already begun at the new id with no cases or sessions yet gives way; one
    /// with its own record is left alone and false is returned.
    /// </summary>
    Task<bool> MoveAsync(ConversationRef from, ConversationRef to, CancellationToken cancellationToken);

    Task SetActiveAsync(long groupId, bool active, CancellationToken cancellationToken);

    Task SetTimeZoneAsync(long groupId, string timeZone, CancellationToken cancellationToken);

    Task SetSettingsAsync(long groupId, GroupSettings settings, CancellationToken cancellationToken);

    /// <summary>Allocates the next per-group case number; the group row stays locked until commit.</summary>
    Task<int> NextCaseNumberAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>Allocates the next per-group session number; the group row stays locked until commit.</summary>
    Task<int> NextSessionNumberAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>
    /// Notes that the platform refused to let the bot make events in the group's calendar. Returns true only
    /// when it was not noted already (since the last <see cref="ClearEventsRefusedAsync"/>), so the group is told once.
    /// </summary>
    Task<bool> NoteEventsRefusedAsync(long groupId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets a refusal once an event went through, so a later one is told again.</summary>
    Task ClearEventsRefusedAsync(long groupId, CancellationToken cancellationToken);
}
