using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// Mirrors sessions as the guild's scheduled events (<see cref="IConversationGateway.MirrorSessionAsync"/>):
/// each session is its own EXTERNAL event (entity type 3, guild-only), located at a link to the session's
/// thread or the group's channel, named with the group's title and the session's number only, since everyone
/// in the server sees its events, including people who cannot see the channel. Discord's own recurrence is
/// never used: a series' sessions are events one by one.
/// <para>
/// Status moves follow what Discord allows (SCHEDULED → ACTIVE → COMPLETED, SCHEDULED → CANCELED; the last
/// two are final): a started session's event becomes active, an ended one's completed (through active when
/// it never was), a cancelled or missed one's cancelled. A 403 means the bot lacks Create Events or Manage
/// Events; a 404 on an event means someone deleted it (a session still ahead gets a new one); another 4xx
/// is a change Discord would not take, not tried again; server errors are tried again by the caller.
/// </para>
/// </summary>
internal sealed partial class GuildEvents(DiscordRest rest, DiscordOptions options, ILogger<GuildEvents> logger)
{
    private const int Scheduled = 1;
    private const int Active = 2;
    private const int Completed = 3;
    private const int Canceled = 4;

    // A channel never moves to another guild, so what it said once holds.
    private readonly ConcurrentDictionary<string, string> _guilds = new();

    public async Task<EventResult> MirrorAsync(ConversationRef conversation, SessionEvent session, MirroredEvent? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!options.MirrorSessionsAsEvents)
        {
            return new EventResult.Unsupported();
        }

        try
        {
            string? guild;
            try
            {
                guild = await GuildOfAsync(conversation.Id, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                return new EventResult.ConversationGone(ex.Message);
            }

            if (guild is null)
            {
                return new EventResult.Unsupported();
            }

            return current is null || current.Status is not (SessionStatus.Scheduled or SessionStatus.Running)
                ? current is null ? await CreateAsync(guild, conversation, session, cancellationToken) : new EventResult.Mirrored(current)
                : await MoveAsync(guild, conversation, session, current, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Forbidden)
        {
            return new EventResult.NotAllowed(ex.Message, "discord.events.refused");
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status && (int)status is >= 400 and < 500 && status is not HttpStatusCode.TooManyRequests)
        {
            LogDropped(logger, session.Number, (int)status);
            return new EventResult.Dropped(ex.Message);
        }
        catch (DeliveryUncertainException ex)
        {
            return new EventResult.Failed(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new EventResult.Failed(ex.Message);
        }
    }

    private async Task<string?> GuildOfAsync(string channelId, CancellationToken cancellationToken)
    {
        if (_guilds.TryGetValue(channelId, out var known))
        {
            return known;
        }

        var guild = await rest.GuildOfChannelAsync(channelId, cancellationToken);
        if (guild is not null)
        {
            _guilds[channelId] = guild;
        }

        return guild;
    }

    private async Task<EventResult> CreateAsync(string guild, ConversationRef conversation, SessionEvent session, CancellationToken cancellationToken)
    {
        if (session.Status is not SessionStatus.Scheduled)
        {
            return new EventResult.Mirrored(null);
        }

        var body = Plan(guild, conversation, session);
        body["privacy_level"] = 2;
        body["entity_type"] = 3;
        var id = await rest.CreateEventAsync(guild, body, cancellationToken);
        return new EventResult.Mirrored(new MirroredEvent(id, SessionStatus.Scheduled));
    }

    /// <summary>Brings an event that is still scheduled or active in step with its session.</summary>
    private async Task<EventResult> MoveAsync(string guild, ConversationRef conversation, SessionEvent session, MirroredEvent current, CancellationToken cancellationToken)
    {
        try
        {
            switch (session.Status)
            {
                case SessionStatus.Scheduled when current.Status is SessionStatus.Scheduled:
                    await rest.EditEventAsync(guild, current.Id, Plan(guild, conversation, session), cancellationToken);
                    return new EventResult.Mirrored(current);
                case SessionStatus.Running:
                    if (current.Status is SessionStatus.Scheduled)
                    {
                        await StartAsync(guild, current.Id, cancellationToken);
                    }

                    // Apart from the status, so the link to the thread is kept even when the event was started already.
                    await rest.EditEventAsync(guild, current.Id, new JsonObject { ["entity_metadata"] = Location(guild, conversation, session) }, cancellationToken);
                    return new EventResult.Mirrored(current with { Status = SessionStatus.Running });
                case SessionStatus.Ended:
                    if (current.Status is SessionStatus.Scheduled)
                    {
                        // Only an active event can be completed.
                        await StartAsync(guild, current.Id, cancellationToken);
                    }

                    await rest.EditEventAsync(guild, current.Id, new JsonObject { ["status"] = Completed }, cancellationToken);
                    return new EventResult.Mirrored(current with { Status = SessionStatus.Ended });
                case SessionStatus.Cancelled or SessionStatus.Missed when current.Status is SessionStatus.Scheduled:
                    await rest.EditEventAsync(guild, current.Id, new JsonObject { ["status"] = Canceled }, cancellationToken);
                    return new EventResult.Mirrored(current with { Status = session.Status });
                default:
                    return new EventResult.Mirrored(current);
            }
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.NotFound)
        {
            // Someone deleted the event: a session still ahead gets a new one, any other none.
            LogEventGone(logger, session.Number);
            return await CreateAsync(guild, conversation, session, cancellationToken);
        }
    }

    /// <summary>
    /// Makes an event active. Discord refuses (400) an event that is active already, which happens when two
    /// changes of the session were mirrored at once: the event is where it should be.
    /// </summary>
    private async Task StartAsync(string guild, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await rest.EditEventAsync(guild, eventId, new JsonObject { ["status"] = Active }, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.BadRequest)
        {
        }
    }

    /// <summary>The name, times and place of a session's event.</summary>
    private static JsonObject Plan(string guild, ConversationRef conversation, SessionEvent session) => new()
    {
        ["name"] = Core.Text.UserText.Cut(session.Name, 100),
        ["scheduled_start_time"] = Instant(session.Start),
        ["scheduled_end_time"] = Instant(session.End),
        ["entity_metadata"] = Location(guild, conversation, session),
    };

    /// <summary>A link to the session's thread once it has one, else to the group's channel.</summary>
    private static JsonObject Location(string guild, ConversationRef conversation, SessionEvent session) =>
        new() { ["location"] = $"https://discord.com/channels/{guild}/{session.Space ?? conversation.Id}" };

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 5024, Level = LogLevel.Warning, Message = "Discord would not take the event of session {Number} ({Status}); it is left as it is")]
    private static partial void LogDropped(ILogger logger, int number, int status);

    [LoggerMessage(EventId = 5025, Level = LogLevel.Information, Message = "The event of session {Number} was deleted in Discord")]
    private static partial void LogEventGone(ILogger logger, int number);
}
