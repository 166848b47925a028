using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Persistence;

public static class DueWorkExtensions
{
    /// <summary>
    /// Makes a session's work of <paramref name="kind"/> due at once, in the transaction of the change that
    /// calls for it: one row per session and kind, whatever was there before replaced.
    /// </summary>
    public static async Task ReplaceForSessionAsync(this IDueWorkRepository dueWork, string kind, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dueWork);
        ArgumentNullException.ThrowIfNull(session);
        await dueWork.RemoveForSubjectAsync(kind, session.Id, cancellationToken);
        await dueWork.AddAsync(new DueWork(0, session.GroupId, kind, session.Id, null, now, now), cancellationToken);
    }
}
