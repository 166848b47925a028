namespace ConvenerBot.Core.Persistence;

/// <summary>
/// The store could not be reached for work outside a command (e.g. moving a chat to its new id): nothing
/// was changed, and the caller should keep what it was doing and try again later. Commands never throw
/// it; they answer <see cref="Conversations.Reply.StoreUnavailable"/> instead.
/// </summary>
public sealed class StoreUnavailableException(Exception inner)
    : Exception("The store cannot be reached just now; nothing was changed.", inner);
