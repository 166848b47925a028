using System.Text.Json;
using System.Text.Json.Nodes;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// Answers interactions within Discord's 3-second window. The engine runs apart from the request, and
/// the 2-second inline budget counts from the request's arrival, so waiting for the store counts too:
/// within the budget the answer is inline, beyond it the interaction is deferred (privately when the
/// command answers privately) and completed through its webhook. A public deferral whose answer turns
/// out private (a refusal) is deleted and the answer sent privately. A store that cannot be reached is
/// retried for a while before the member is told. Stage buttons take their buttons off the pressed prompt;
/// contributions are shown to the group in the session's thread, and the contributor gets a private
/// acknowledgement. No message can mention anyone. The interaction's own responses and follow-ups go through
/// <see cref="DiscordRest"/>; everything posted in a channel, thread or direct message goes through
/// <see cref="DiscordGateway"/>. An answer with a calendar (<c>/session ics</c>) is deferred even when it is ready in
/// time, since an inline response cannot upload a file: the .ics comes as an attachment when the deferral is completed.
/// </summary>
internal sealed partial class InteractionResponder(
    IConvener convener, DiscordRest rest, DiscordGateway gateway, SessionThreads threads, InteractionWork later, DiscordOptions options, TimeProvider time,
    ICalendarFiles calendarFiles, ILogger<InteractionResponder> logger)
{
    public static readonly TimeSpan InlineBudget = TimeSpan.FromSeconds(2);

    /// <summary>The initial response, and work to run once it has been sent.</summary>
    /// <param name="started">When the request arrived (<see cref="TimeProvider.GetTimestamp"/>).</param>
    public async Task<(JsonObject Response, AfterResponse? After)> RespondAsync(Interpretation interpretation, long started)
    {
        if (interpretation.Immediate is { } immediate)
        {
            return (immediate, null);
        }

        var inbound = interpretation.Inbound!;
        var arrived = time.GetUtcNow() - time.GetElapsedTime(started);
        interpretation = interpretation with { Context = interpretation.Context with { Expires = arrived + InteractionContext.TokenUsableFor } };
        // SQLite's writer lock blocks the calling thread, so the engine runs on its own and the budget holds.
        var stopping = later.Stopping;
        var work = Task.Run(() => convener.HandleAsync(inbound, stopping), stopping);
        var remaining = InlineBudget - time.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero && await Task.WhenAny(work, Task.Delay(remaining, time)) == work)
        {
            var reply = await work;
            if (!reply.StoreUnavailable && !(interpretation.Press is Press.None && reply.Messages.Any(m => m.Calendar is not null)))
            {
                return Inline(interpretation, reply);
            }
        }

        var stored = UntilStoredAsync(inbound, work, interpretation.Context.Expires, stopping);
        return (Deferral(interpretation), new AfterResponse(interpretation.Context.Id, "the deferred answer", ct => CompleteAsync(interpretation, stored, ct)));
    }

    /// <summary>Autocomplete: the group's case or session numbers that match what the member has typed so far.</summary>
    public async Task<JsonObject> SuggestAsync(ConversationRef conversation, (SuggestionKind Kind, string Typed)? focused, long started)
    {
        var choices = new JsonArray();
        if (focused is { } f)
        {
            var work = Task.Run(() => convener.SuggestAsync(conversation, f.Kind, f.Typed, 25, CancellationToken.None));
            var remaining = InlineBudget - time.GetElapsedTime(started);
            // Suggestions are a convenience: an unreachable store or a late answer offers none, and no failure is left unobserved.
            _ = work.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (remaining > TimeSpan.Zero && await Task.WhenAny(work, Task.Delay(remaining, time)) == work && work.IsCompletedSuccessfully)
            {
                foreach (var s in work.Result)
                {
                    choices.Add(new JsonObject { ["name"] = s.Label, ["value"] = s.Number });
                }
            }
        }

        return new JsonObject { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = choices } };
    }

    private static JsonObject Deferral(Interpretation interpretation) =>
        interpretation.Press is not Press.None
            ? new JsonObject { ["type"] = 6 }
            : interpretation.AnswersPrivately
                ? new JsonObject { ["type"] = 5, ["data"] = new JsonObject { ["flags"] = DiscordMessages.Ephemeral } }
                : new JsonObject { ["type"] = 5 };

    private (JsonObject, AfterResponse?) Inline(Interpretation interpretation, Reply reply)
    {
        var plan = Plan.Of(reply, calendarFiles);
        var context = interpretation.Context;
        if (interpretation.Press is Press.Page && !plan.Refused)
        {
            return (InteractionTranslator.Message(7, WithoutFlags(plan.Answers[0])), Later(context, ct => FinishAsync(context, plan, 1, openThread: false, null, [], ct)));
        }

        if (interpretation.Press is Press.Stage && !plan.Ephemeral)
        {
            // The pressed prompt keeps its text and loses its buttons; what comes next is a new message.
            return (InteractionTranslator.Message(7, ButtonsOff()), Later(context, ct => FinishAsync(context, plan, 0, openThread: true, null, [], ct)));
        }

        return (InteractionTranslator.Message(4, plan.Answers[0]), Later(context, async ct =>
        {
            await FinishAsync(context, plan, 1, openThread: true, null, [], ct);
            if (plan.Sources[0] is { } first && StageButtons.Carries(first))
            {
                // An inline response does not say its id: asked for, so its buttons can be taken off later.
                // Should Discord not say, those buttons stay until pressed (a press is refused as stale).
                string? id = null;
                try
                {
                    id = await rest.OriginalIdAsync(context.Token, context.Expires, ct);
                }
                catch (HttpRequestException ex)
                {
                    LogFollowUpFailed(logger, ex);
                }

                await RecordButtonsAsync(context, first, id, context.ChannelId, ct);
            }
        }));
    }

    private AfterResponse Later(InteractionContext context, Func<CancellationToken, Task> work) =>
        new(context.Id, "the rest of the answer", async cancellationToken =>
        {
            try
            {
                await work(cancellationToken);
            }
            catch (Exception ex) when (Failed(ex, cancellationToken))
            {
                LogFollowUpFailed(logger, ex);
            }
        });

    /// <summary>A call to Discord that failed, as opposed to work cut short because the bot is stopping.</summary>
    private static bool Failed(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task CompleteAsync(Interpretation interpretation, Task<Reply> work, CancellationToken cancellationToken)
    {
        var context = interpretation.Context;
        try
        {
            var plan = Plan.Of(await work, calendarFiles);
            var lost = new List<int>();
            if (interpretation.Press is not Press.None)
            {
                if (interpretation.Press is Press.Page && !plan.Refused)
                {
                    await EditOriginalAsync(context, WithoutFlags(plan.Answers[0]), ephemeral: true, cancellationToken);
                    await SettleAsync(plan, [], cancellationToken);
                }
                else if (plan.Ephemeral)
                {
                    await FinishAsync(context, plan, 0, openThread: false, null, lost, cancellationToken);
                }
                else
                {
                    await EditOriginalAsync(context, ButtonsOff(), ephemeral: false, cancellationToken, fallBack: false);
                    await FinishAsync(context, plan, 0, openThread: true, null, lost, cancellationToken);
                }

                return;
            }

            if (plan.Ephemeral && !interpretation.AnswersPrivately)
            {
                // Deferred in public, answered in private (a refusal): the public "thinking" message goes. Should
                // it stay, the first follow-up would replace it in public, so the answer goes to the member's
                // direct messages instead, and the public message only says it could not be given here.
                if (await DeleteOriginalAsync(context, cancellationToken))
                {
                    await FinishAsync(context, plan, 0, openThread: false, null, lost, cancellationToken);
                }
                else
                {
                    await AnswerDirectlyAsync(context, interpretation.Inbound!.Member, plan, cancellationToken);
                }

                return;
            }

            var first = WithoutFlags(plan.Answers[0]);
            var thread = await OpenThreadAsync(context, plan, cancellationToken);
            if (thread is not null)
            {
                first["content"] = first["content"]!.GetValue<string>() + DiscordMessages.ThreadLink(thread, plan.Language);
            }

            if (!await EditOriginalAsync(context, first, plan.Ephemeral, cancellationToken, source: plan.Sources[0], file: plan.Files[0]))
            {
                lost.Add(0);
            }

            await FinishAsync(context, plan, 1, openThread: false, thread, lost, cancellationToken);
        }
        catch (Exception ex) when (Failed(ex, cancellationToken))
        {
            // Not settled: once its hold runs out the outbox posts the answer.
            LogFollowUpFailed(logger, ex);
        }
    }

    /// <summary>
    /// Everything after the first response: a new session's thread (linked from the response), the rest of
    /// the answer, contributions shown to the group, and the thread archived when the session ends.
    /// </summary>
    /// <param name="lost">Answers (by their place in the plan) that did not reach the member so far.</param>
    private async Task FinishAsync(InteractionContext context, Plan plan, int sent, bool openThread, string? thread, List<int> lost, CancellationToken cancellationToken)
    {
        if (openThread && sent <= 1 && plan.Opens is not null)
        {
            thread = await OpenThreadAsync(context, plan, cancellationToken);
            if (thread is not null)
            {
                var first = WithoutFlags(plan.Answers[0]);
                first["content"] = first["content"]!.GetValue<string>() + DiscordMessages.ThreadLink(thread, plan.Language);
                if (sent == 1)
                {
                    await EditOriginalAsync(context, first, ephemeral: false, cancellationToken, fallBack: false);
                }
                else
                {
                    // A Start button: the pressed notice lost its buttons; the start message follows it, linking the thread.
                    await FollowUpAsync(context, first, ephemeral: false, cancellationToken);
                    sent = 1;
                }
            }
        }

        for (var index = sent; index < plan.Answers.Count; index++)
        {
            var payload = plan.Answers[index];
            var delivered = thread is not null
                ? await PostAsync(context, thread, payload, cancellationToken, plan.Sources[index], plan.Files[index])
                : await FollowUpAsync(context, payload, plan.Ephemeral, cancellationToken, plan.Sources[index], plan.Files[index]);
            if (!delivered)
            {
                lost.Add(index);
            }
        }

        var echoesLost = new List<OutboundMessage>();
        foreach (var echo in plan.Echoes)
        {
            var post = new ConversationPost(new ConversationRef(DiscordGateway.PlatformName, context.GroupId), echo)
            {
                Space = SessionThread(context, echo.Space),
                Language = plan.Language,
            };
            if (await gateway.PostAsync(post, cancellationToken) is not PostResult.Delivered)
            {
                echoesLost.Add(echo);
                var notShown = DiscordMessages.Render(plan.Language, "discord.echo-not-shown");
                await FollowUpAsync(context, DiscordMessages.Text(notShown, ephemeral: true), ephemeral: true, cancellationToken);
            }
        }

        if (plan.Closes && SessionThread(context, plan.ClosingSpace) is { } closing)
        {
            threads.Forget(context.GroupId);
            await ArchiveAsync(closing, cancellationToken);
        }

        await SettleAsync(plan, lost, cancellationToken, echoesLost);
    }

    /// <summary>
    /// The session's thread: the one the interaction came from, else the one stored with the session (which
    /// outlives a restart), else the one remembered since the thread was opened.
    /// </summary>
    private string? SessionThread(InteractionContext context, string? stored) =>
        context.InThread ? context.ChannelId : stored ?? threads.Find(context.GroupId);

    /// <summary>Archives the ended session's thread; should Discord not take it, the thread stays open and the answer is still settled.</summary>
    private async Task ArchiveAsync(string thread, CancellationToken cancellationToken)
    {
        try
        {
            await rest.ArchiveThreadAsync(thread, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogNotArchived(logger, ex);
        }
    }

    /// <summary>
    /// Sends a private answer to the member's direct messages, when the public deferral it was meant to
    /// replace could not be deleted, and turns that public message into a note that says so. What the direct
    /// messages do not take is settled as undelivered (the outbox has another go, if it kept the answer).
    /// </summary>
    private async Task AnswerDirectlyAsync(InteractionContext context, MemberRef member, Plan plan, CancellationToken cancellationToken)
    {
        var lost = new List<int>();
        var conversation = new ConversationRef(DiscordGateway.PlatformName, context.GroupId);
        foreach (var (source, index) in plan.Sources.Select((source, index) => (source, index)))
        {
            if (source is not null && plan.Sources.IndexOf(source) == index
                && await gateway.PostAsync(new ConversationPost(conversation, source) { PrivatelyTo = member, Language = plan.Language }, cancellationToken) is not PostResult.Delivered)
            {
                lost.Add(index);
            }
        }

        var note = lost.Count == 0 && plan.Sources.Any(s => s is not null) ? "discord.private-answer-sent" : "discord.private-answer-lost";
        await EditOriginalAsync(context, DiscordMessages.Text(DiscordMessages.Render(plan.Language, note), ephemeral: false), ephemeral: false, cancellationToken, fallBack: false);
        // A contribution is still shown to the group: its echoes are left to the outbox, which posts them in the channel.
        await SettleAsync(plan, lost, cancellationToken, plan.Echoes);
    }

    /// <summary>
    /// Tells the engine the answer is out, but for what did not reach the member or the group, which the
    /// outbox posts in the channel or the member's direct messages. Should the store not take this, the
    /// outbox posts the answer once its hold runs out (a repeat).
    /// </summary>
    private async Task SettleAsync(Plan plan, IEnumerable<int> lost, CancellationToken cancellationToken, IEnumerable<OutboundMessage>? echoesLost = null)
    {
        try
        {
            var undelivered = lost.Select(i => plan.Sources[i]).OfType<OutboundMessage>().Concat(echoesLost ?? []).Distinct().ToList();
            await convener.SettleAsync(plan.Reply, undelivered, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            LogNotSettled(logger, ex);
        }
    }

    /// <summary>
    /// A public thread for a session that has just started, unless the command came from a thread already;
    /// recorded with the session, so what the bot later posts about it on its own goes there.
    /// </summary>
    private async Task<string?> OpenThreadAsync(InteractionContext context, Plan plan, CancellationToken cancellationToken)
    {
        if (plan.Opens is not { } title || context.InThread || context.IsPrivateChat
            || await gateway.OpenThreadAsync(context.ChannelId, title, cancellationToken) is not { } thread)
        {
            return null;
        }

        if (plan.SpaceSession is { } session)
        {
            try
            {
                await convener.RecordSpaceAsync(new ConversationRef(DiscordGateway.PlatformName, context.GroupId), session, thread, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSpaceNotRecorded(logger, ex, session);
            }
        }

        return thread;
    }

    /// <summary>Posts in the session's thread; what the thread does not take comes as a follow-up instead.</summary>
    /// <param name="source">The message the payload renders, when it may carry stage buttons to record.</param>
    private async Task<bool> PostAsync(
        InteractionContext context, string channel, JsonObject payload, CancellationToken cancellationToken, OutboundMessage? source = null, CalendarFile? file = null)
    {
        if (await gateway.PostPartsAsync(channel, [payload], privately: false, cancellationToken, file: file) is PostResult.Delivered { MessageIds: [.., var id] })
        {
            await RecordButtonsAsync(context, source, id, channel, cancellationToken);
            return true;
        }

        return await FollowUpAsync(context, payload, ephemeral: false, cancellationToken, source, file);
    }

    /// <summary>
    /// A follow-up; a public one that Discord would not take is posted in the channel as the bot instead.
    /// False when neither went out: the outbox posts it later.
    /// </summary>
    /// <param name="file">A file to attach (the .ics of <c>/session ics</c>), or null.</param>
    private async Task<bool> FollowUpAsync(
        InteractionContext context, JsonObject payload, bool ephemeral, CancellationToken cancellationToken, OutboundMessage? source = null, CalendarFile? file = null)
    {
        try
        {
            await RecordButtonsAsync(context, source, await rest.FollowUpAsync(context.Token, payload, context.Expires, cancellationToken, file), context.ChannelId, cancellationToken);
            return true;
        }
        catch (DeliveryUncertainException)
        {
            // It may be there already: a channel post now could show it twice.
            LogUncertain(logger, context.Id, Length(payload));
            return true;
        }
        catch (HttpRequestException) when (!ephemeral && !context.IsPrivateChat)
        {
            if (await gateway.PostPartsAsync(context.ChannelId, [WithoutFlags(payload)], privately: false, cancellationToken, file: file) is PostResult.Delivered { MessageIds: var ids })
            {
                await RecordButtonsAsync(context, source, ids.Count > 0 ? ids[^1] : null, context.ChannelId, cancellationToken);
                return true;
            }
        }
        catch (HttpRequestException)
        {
        }

        LogNotDelivered(logger, context.Id, Length(payload));
        return false;
    }

    /// <summary>
    /// Completes the original response; if Discord would not take the edit, the answer goes as a follow-up.
    /// False when neither went out.
    /// </summary>
    private async Task<bool> EditOriginalAsync(
        InteractionContext context, JsonObject payload, bool ephemeral, CancellationToken cancellationToken, bool fallBack = true, OutboundMessage? source = null,
        CalendarFile? file = null)
    {
        try
        {
            await RecordButtonsAsync(context, source, await rest.EditOriginalAsync(context.Token, payload, context.Expires, cancellationToken, file), context.ChannelId, cancellationToken);
            return true;
        }
        catch (HttpRequestException) when (fallBack)
        {
            return await FollowUpAsync(context, ephemeral ? WithFlags(payload) : payload, ephemeral, cancellationToken, source, file);
        }
        catch (HttpRequestException ex)
        {
            LogFollowUpFailed(logger, ex);
            return false;
        }
    }

    /// <summary>Deletes the original response; false when it could not be deleted (it stays, in public).</summary>
    private async Task<bool> DeleteOriginalAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await rest.DeleteOriginalAsync(context.Token, context.Expires, cancellationToken);
            return true;
        }
        catch (HttpRequestException ex)
        {
            LogFollowUpFailed(logger, ex);
            return false;
        }
    }

    /// <summary>
    /// While the store cannot be reached, the command is tried again with backoff; nothing was saved meanwhile.
    /// The group's language cannot be read then: the member is told in English.
    /// </summary>
    private async Task<Reply> UntilStoredAsync(Inbound inbound, Task<Reply> first, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var reply = await first;
        var deadline = time.GetUtcNow() + options.StoreRetryFor;
        deadline = deadline < expires ? deadline : expires;
        for (var attempt = 1; reply.StoreUnavailable; attempt++)
        {
            var wait = RetryDelay.For(options.RetryBaseDelay, attempt);
            if (time.GetUtcNow() + wait > deadline)
            {
                LogStoreGaveUp(logger, inbound.DeliveryId, attempt);
                return Reply.Refusal(MessageCatalog.Default.Render(
                    MessageCatalog.DefaultLanguage, "discord.store-gave-up", ("duration", Duration(options.StoreRetryFor))));
            }

            await Task.Delay(wait, time, cancellationToken);
            reply = await convener.HandleAsync(inbound, cancellationToken);
        }

        return reply;
    }

    private static Phrase Duration(TimeSpan span) => span.TotalMinutes >= 2
        ? Phrase.Of("discord.duration.minutes", ("count", (int)span.TotalMinutes))
        : (int)Math.Max(1, span.TotalSeconds) is var seconds && seconds == 1 ? Phrase.Of("discord.duration.second") : Phrase.Of("discord.duration.seconds", ("count", seconds));

    private static JsonObject ButtonsOff() => new() { ["components"] = new JsonArray(), ["allowed_mentions"] = DiscordMessages.NoMentions() };

    private static JsonObject WithoutFlags(JsonObject payload)
    {
        var copy = payload.DeepClone().AsObject();
        copy.Remove("flags");
        return copy;
    }

    private static JsonObject WithFlags(JsonObject payload)
    {
        var copy = payload.DeepClone().AsObject();
        copy["flags"] = DiscordMessages.Ephemeral;
        return copy;
    }

    private static int Length(JsonObject payload) => payload["content"]?.GetValue<string>().Length ?? 0;

    /// <summary>
    /// A reply sorted for Discord: answers to the member (rendered), contributions to show the group, the
    /// session's space, and the reply's language, in which the bot's own words around it are written.
    /// </summary>
    /// <param name="Sources">For each answer payload, the reply's message it renders (null for the adapter's own words).</param>
    /// <param name="Files">For each answer payload, the file to attach to it: a message's calendar goes on its last payload.</param>
    /// <summary>
    /// Records a public message with stage buttons (by its id, in the channel or thread it went to), so they are
    /// taken off once the session moves on, after a restart too. If the store cannot take it, those buttons stay
    /// until pressed, and a press is refused as stale.
    /// </summary>
    private async Task RecordButtonsAsync(InteractionContext context, OutboundMessage? source, string? messageId, string channel, CancellationToken cancellationToken)
    {
        if (source is null || messageId is null || !StageButtons.Carries(source) || context.IsPrivateChat)
        {
            return;
        }

        try
        {
            var space = channel == context.GroupId ? null : channel;
            await convener.RecordButtonsAsync(new ConversationRef(DiscordGateway.PlatformName, context.GroupId), messageId, space, source, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogButtonsNotRecorded(logger, ex, messageId);
        }
    }

    private sealed record Plan(
        Reply Reply, List<JsonObject> Answers, List<OutboundMessage?> Sources, List<OutboundMessage> Echoes, bool Ephemeral, bool Refused, string? Opens, bool Closes, string Language)
    {
        public List<CalendarFile?> Files { get; init; } = [];

        /// <summary>The session whose space the reply opens.</summary>
        public int? SpaceSession { get; init; }

        /// <summary>The stored space of the session the reply closes.</summary>
        public string? ClosingSpace { get; init; }

        public static Plan Of(Reply reply, ICalendarFiles calendarFiles)
        {
            var language = reply.Language;
            if (reply.AlreadyHandled)
            {
                return new Plan(reply, [DiscordMessages.Text(DiscordMessages.Render(language, "discord.already-done"), ephemeral: true)], [null], [], true, true, null, false, language)
                {
                    Files = [null],
                };
            }

            var answers = reply.Messages.Where(m => m.Purpose is not MessagePurpose.Echo).ToList();
            var ephemeral = reply.Refused || reply.Private || answers.Any(m => m.Confidential)
                || (answers.Count > 0 && answers.All(m => m.Purpose is MessagePurpose.Acknowledgement));
            var rendered = answers.SelectMany(m =>
            {
                var payloads = DiscordMessages.Render(m, ephemeral, language);
                var file = m.Calendar is { } calendar ? calendarFiles.Write(calendar) : null;
                return payloads.Select((payload, i) => (Payload: payload, Source: (OutboundMessage?)m, File: i == payloads.Count - 1 ? file : null));
            }).ToList();
            var echoes = reply.Messages.Where(m => m.Purpose is MessagePurpose.Echo).ToList();
            return new Plan(
                reply,
                rendered.Count == 0 ? [DiscordMessages.Text(DiscordMessages.Render(language, "discord.done"), ephemeral: true)] : [.. rendered.Select(r => r.Payload)],
                rendered.Count == 0 ? [null] : [.. rendered.Select(r => r.Source)],
                reply.Refused ? [] : echoes,
                ephemeral || rendered.Count == 0,
                reply.Refused,
                reply.Refused ? null : reply.Messages.FirstOrDefault(m => m.OpensSpace is not null)?.OpensSpace,
                !reply.Refused && reply.Messages.Any(m => m.ClosesSpace),
                language)
            {
                Files = rendered.Count == 0 ? [null] : [.. rendered.Select(r => r.File)],
                SpaceSession = reply.Refused ? null : reply.Messages.FirstOrDefault(m => m.OpensSpace is not null)?.SpaceSession,
                ClosingSpace = reply.Refused ? null : reply.Messages.FirstOrDefault(m => m.ClosesSpace)?.Space,
            };
        }
    }

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "The store could not record the thread of session {Session}; what the bot posts about it on its own goes to the channel")]
    private static partial void LogSpaceNotRecorded(ILogger logger, Exception exception, int session);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Discord did not archive the thread of a session that has ended; it stays open")]
    private static partial void LogNotArchived(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Completing a Discord interaction through its webhook failed")]
    private static partial void LogFollowUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "A message for interaction {InteractionId} ({Length} characters) could not be delivered through the interaction; the outbox posts it")]
    private static partial void LogNotDelivered(ILogger logger, string interactionId, int length);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "The store could not record the buttons of message {MessageId}; they stay until pressed")]
    private static partial void LogButtonsNotRecorded(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Warning, Message = "The store could not take that an answer was delivered; the outbox posts it again once its hold runs out")]
    private static partial void LogNotSettled(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "A follow-up for interaction {InteractionId} ({Length} characters) timed out; it may or may not have been shown and is not sent again")]
    private static partial void LogUncertain(ILogger logger, string interactionId, int length);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "The store stayed unreachable for interaction {InteractionId} after {Attempts} attempts; the member was told to send it again")]
    private static partial void LogStoreGaveUp(ILogger logger, string? interactionId, int attempts);
}
