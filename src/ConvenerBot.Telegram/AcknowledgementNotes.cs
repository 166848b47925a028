using System.Collections.Concurrent;

namespace ConvenerBot.Telegram;

/// <summary>
/// Routine acknowledgements in chats that refuse the bot's 👍 reactions. Such a chat is remembered for
/// <see cref="RefusalKept"/> (reactions are not tried there meanwhile), and its acknowledgements share one
/// message: the first posts it, those of the next <see cref="NoteOpen"/> are added to it by editing it, which
/// posts nothing new. So a busy stage costs the group about one message a minute of Telegram's 20, and
/// prompts and answers are not held back behind acknowledgements; each member still reads that their
/// contribution was saved. Kept in memory: after a restart the first refusal is found again.
/// </summary>
internal sealed class AcknowledgementNotes(TimeProvider time)
{
    /// <summary>How long a chat that refused a reaction is not asked for one again.</summary>
    public static readonly TimeSpan RefusalKept = TimeSpan.FromHours(1);

    /// <summary>How long acknowledgements are added to the chat's last acknowledgement message before a new one is posted.</summary>
    public static readonly TimeSpan NoteOpen = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, DateTimeOffset> _refusedUntil = new();
    private readonly ConcurrentDictionary<(long Chat, int? Thread), Note> _notes = new();

    /// <summary>True while the chat is remembered to refuse reactions.</summary>
    public bool RefusesReactions(long chatId)
    {
        if (!_refusedUntil.TryGetValue(chatId, out var until))
        {
            return false;
        }

        if (time.GetUtcNow() < until)
        {
            return true;
        }

        _refusedUntil.TryRemove(KeyValuePair.Create(chatId, until));
        return false;
    }

    /// <summary>Remembers that the chat refused a reaction.</summary>
    public void ReactionRefused(long chatId)
    {
        var now = time.GetUtcNow();
        foreach (var (chat, until) in _refusedUntil)
        {
            if (until <= now)
            {
                _refusedUntil.TryRemove(KeyValuePair.Create(chat, until));
            }
        }

        _refusedUntil[chatId] = now + RefusalKept;
    }

    /// <summary>The chat's (or forum topic's) acknowledgement message still open to additions, if any.</summary>
    public Note? Open(long chatId, int? threadId) =>
        _notes.TryGetValue((chatId, threadId), out var note) && time.GetUtcNow() - note.PostedAt < NoteOpen ? note : null;

    /// <summary>Remembers a newly posted acknowledgement message, open to additions for <see cref="NoteOpen"/>.</summary>
    public void Posted(long chatId, int? threadId, int messageId, string text)
    {
        var now = time.GetUtcNow();
        foreach (var (key, note) in _notes)
        {
            if (now - note.PostedAt >= NoteOpen)
            {
                _notes.TryRemove(KeyValuePair.Create(key, note));
            }
        }

        _notes[(chatId, threadId)] = new Note(messageId, text, now);
    }

    /// <summary>Remembers what the open message says now that acknowledgements were added to it.</summary>
    public void Edited(long chatId, int? threadId, Note note, string text) =>
        _notes.TryUpdate((chatId, threadId), note with { Text = text }, note);

    /// <summary>An acknowledgement message: its id, its text so far, and when it was posted.</summary>
    public sealed record Note(int MessageId, string Text, DateTimeOffset PostedAt);
}
