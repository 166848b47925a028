namespace ConvenerBot.Core.Sessions;

/// <summary>A group's reminder times and each member's wish about private reminders.</summary>
public interface IReminderSettingsRepository
{
    /// <summary>How many minutes before a session the group's reminders come, as set; null when never set (the defaults apply).</summary>
    Task<IReadOnlyList<int>?> FindTimesAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>Sets the group's reminder times (none is an empty list).</summary>
    Task SetTimesAsync(long groupId, IReadOnlyList<int> minutesBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether the member turned private reminders off.</summary>
    Task<bool> IsPrivateOffAsync(long memberId, CancellationToken cancellationToken);

    Task SetPrivateOffAsync(long memberId, bool off, CancellationToken cancellationToken);

    /// <summary>Notes that the group was told these members cannot be written to privately (it is told once per member).</summary>
    Task MarkToldUnreachableAsync(IReadOnlyCollection<long> memberIds, DateTimeOffset now, CancellationToken cancellationToken);
}
