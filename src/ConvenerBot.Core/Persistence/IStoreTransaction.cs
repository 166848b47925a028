using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Series;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Persistence;

/// <summary>
/// One open transaction and the repositories that work inside it. Disposing without
/// <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public interface IStoreTransaction : IAsyncDisposable
{
    IGroupRepository Groups { get; }

    IMemberRepository Members { get; }

    ICaseRepository Cases { get; }

    ISessionRepository Sessions { get; }

    IContributionRepository Contributions { get; }

    IDeliveryLog Deliveries { get; }

    IStagePromptRepository Prompts { get; }

    ILiveButtonRepository Buttons { get; }

    IDueWorkRepository DueWork { get; }

    IRsvpRepository Rsvps { get; }

    IReminderSettingsRepository Reminders { get; }

    Calendar.ICalendarRepository Calendars { get; }

    ISeriesRepository Series { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
