using System.Collections.Concurrent;
using System.Reflection;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// The engine's single entry point and single catch site: parses the text, opens one transaction,
/// resolves the group and member, runs the command's handler, commits, and only then returns the reply.
/// A refused command rolls back; an unexpected failure is logged with a reference the member sees.
/// </summary>
internal sealed partial class Convener(
    IConvenerStore store,
    IServiceScopeFactory scopes,
    PrivateChat privateChat,
    ConvenerOptions options,
    DueWorkSignal dueWork,
    TimeProvider time,
    ILogger<Convener> logger) : IConvener
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, ICommand, CommandContext, CancellationToken, Task<Reply>>> Invokers = new();

    // Who holds this process's answers in the outbox while its adapters deliver them.
    private readonly string _holder = $"answer:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private static readonly MethodInfo InvokeMethod = typeof(Convener).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        using var logScope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Conversation"] = inbound.Conversation.ToString(),
            ["Member"] = inbound.Member.ToString(),
        });
        try
        {
            if (IsPlainReply(inbound))
            {
                // Prompts are posted in groups only: in a private chat a plain reply is never a contribution.
                return inbound.Kind is ConversationKind.Private ? Reply.Chatter : await RunAsync(inbound, null, cancellationToken);
            }

            var parsed = Translate(inbound);
            if (parsed.Command is not { } command)
            {
                return await RefuseAsync(inbound, parsed.Error!, language: null, staleStage: false, cancellationToken);
            }

            if (inbound.Kind is ConversationKind.Private)
            {
                return await privateChat.HandleAsync(inbound, command, cancellationToken);
            }

            return CommandEffects.ReadsOnly(command) && await ReadAsync(inbound, command, cancellationToken) is { } read
                ? read
                : await RunAsync(inbound, command, cancellationToken);
        }
        catch (ConvenerRuleException ex)
        {
            return await RefuseAsync(inbound, ex.Phrase, ex.Language, ex.StaleStage, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (store.IsUnavailable(ex))
        {
            LogStoreUnavailable(logger, ex.GetType().Name, ex.Message);
            return Reply.Unavailable;
        }
        catch (Exception ex)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            LogUnexpected(logger, ex, reference);
            return Reply.Text(Say(Phrase.Of("reply.unexpected", ("reference", reference)), MessageCatalog.DefaultLanguage));
        }
    }

    /// <param name="command">Null for plain text in reply to a message of the bot: a contribution if that message is a stage prompt, else not for the bot.</param>
    private async Task<Reply> RunAsync(Inbound inbound, ICommand? command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var transaction = await store.BeginAsync(cancellationToken);
        if (command is null)
        {
            if (await RepliedStageAsync(transaction, inbound, cancellationToken) is not { } stage)
            {
                return Reply.Chatter;
            }

            command = new ContributeCommand(null, inbound.Text, stage);
        }

        var now = time.GetUtcNow();
        if (!await transaction.Deliveries.TryRecordAsync(inbound, now, cancellationToken))
        {
            return Reply.Duplicate;
        }

        var group = await transaction.Groups.GetOrCreateAsync(inbound.Conversation, GroupTitle(inbound), options.DefaultTimeZone, now, cancellationToken);
        var member = await transaction.Members.GetOrCreateAsync(
            group.Id, Profile(inbound), firstMemberOrganizes: inbound.Kind is ConversationKind.Local, now, cancellationToken);
        if (!group.Active)
        {
            await transaction.Groups.SetActiveAsync(group.Id, active: true, cancellationToken);
        }

        var reply = Finish(await RunHandlerAsync(scope, command, Context(inbound, group, member, transaction, now), cancellationToken), command, group);
        if (reply.Messages.Count > 0)
        {
            // The answer is kept with the change it reports: if the adapter cannot deliver it, the outbox will.
            var post = new OutboxPost(reply.Messages, inbound.Member, inbound.Space, inbound.MessageId, reply.Language, reply.Private);
            reply = reply with { Ticket = await Outbox.WriteAsync(transaction, group.Id, post, now, (_holder, inbound.AnswerWithin ?? Outbox.DefaultAnswerWithin), cancellationToken) };
        }

        await transaction.CommitAsync(cancellationToken);
        if (StageButtons.MovesOn(reply))
        {
            // The buttons of the messages the session moved on from are taken off now, not at the next poll.
            dueWork.Pulse();
        }

        return reply;
    }

    public Task SettleAsync(Reply reply, IReadOnlyCollection<OutboundMessage> undelivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(undelivered);
        if (reply.Ticket is not { } ticket)
        {
            return Task.CompletedTask;
        }

        var places = reply.Messages.Select((message, index) => (message, index))
            .Where(m => undelivered.Any(u => ReferenceEquals(u, m.message)))
            .Select(m => m.index)
            .ToList();
        return OutsideCommandAsync(async () =>
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            if (!await Outbox.SettleAsync(transaction, ticket, places, time.GetUtcNow(), cancellationToken))
            {
                LogSettledLate(logger, ticket.Id);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>
    /// Runs a command that changes nothing on a read-only transaction, which never waits for the store's
    /// writer; the delivery id, if any, is recorded afterwards in a short write of its own (a redelivery is
    /// still told apart). Null when the group or member record would first have to be created or brought
    /// up to date: then the command runs as any other.
    /// </summary>
    private async Task<Reply?> ReadAsync(Inbound inbound, ICommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Reply reply;
        Groups.Group group;
        await using (var scope = scopes.CreateAsyncScope())
        await using (var reading = await store.BeginReadAsync(cancellationToken))
        {
            if (await reading.Groups.FindAsync(inbound.Conversation, cancellationToken) is not { Active: true } found
                || found.Title != GroupTitle(inbound)
                || await reading.Members.FindCurrentAsync(found.Id, Profile(inbound), cancellationToken) is not { } member)
            {
                return null;
            }

            group = found;
            reply = await RunHandlerAsync(scope, command, Context(inbound, group, member, reading, now), cancellationToken);
        }

        return await store.TryRecordDeliveryAsync(inbound, now, cancellationToken) ? Finish(reply, command, group) : Reply.Duplicate;
    }

    /// <summary>A handler's reply, marked with the group's language and whether it is private.</summary>
    private static Reply Finish(Reply reply, ICommand command, Groups.Group group)
    {
        reply = reply with { Language = group.Language };
        return reply.Refused || !CommandVisibility.AnswersPrivately(command) ? reply : reply with { Private = true };
    }

    private static string GroupTitle(Inbound inbound) => UserText.CleanName(inbound.ConversationTitle, Say(Phrase.Of("name.group.fallback")));

    private static MemberProfile Profile(Inbound inbound) =>
        new(inbound.Member.Id, UserText.CleanName(inbound.DisplayName, Say(Phrase.Of("name.member.fallback", ("id", inbound.Member.Id)))), UserText.CleanHandle(inbound.Handle));

    private static CommandContext Context(Inbound inbound, Groups.Group group, Member member, IStoreTransaction transaction, DateTimeOffset now) =>
        new(group, member, inbound.IsPlatformAdmin ? Role.Organizer : member.Role, transaction, now)
        {
            PlatformTime = inbound.ShowTime,
            Kind = inbound.Kind,
            Mentioned = inbound.Mentioned,
            Language = group.Language,
        };

    /// <summary>Runs the command's handler; a refusal is told in the group's language.</summary>
    private static async Task<Reply> RunHandlerAsync(AsyncServiceScope scope, ICommand command, CommandContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await Invokers.GetOrAdd(command.GetType(), CreateInvoker)(scope.ServiceProvider, command, context, cancellationToken);
        }
        catch (ConvenerRuleException ex)
        {
            ex.Language ??= context.Language;
            throw;
        }
    }

    /// <summary>The stage whose prompt the message replies to, looked up before anything is written.</summary>
    private static async Task<StageRef?> RepliedStageAsync(IStoreTransaction transaction, Inbound inbound, CancellationToken cancellationToken) =>
        await transaction.Groups.FindAsync(inbound.Conversation, cancellationToken) is { } group
            ? await transaction.Prompts.FindAsync(group.Id, inbound.RepliedToMessageId!, cancellationToken)
            : null;

    /// <summary>Plain text (no command, no button) in reply to a message of the bot.</summary>
    private static bool IsPlainReply(Inbound inbound) =>
        inbound is { Command: null, Button: null, RepliedToMessageId: not null } && !inbound.Text.TrimStart().StartsWith('/');

    /// <summary>
    /// A refused command changed nothing, but its delivery is still recorded (in a transaction of its own),
    /// so that a redelivery after a restart does not send the refusal again.
    /// </summary>
    private async Task<Reply> RefuseAsync(Inbound inbound, Phrase phrase, string? language, bool staleStage, CancellationToken cancellationToken)
    {
        try
        {
            if (!await store.TryRecordDeliveryAsync(inbound, time.GetUtcNow(), cancellationToken))
            {
                return Reply.Duplicate;
            }

            if (language is null && inbound.Kind is not ConversationKind.Private)
            {
                // Text that is no command is answered in the language of the group it was written in, if known.
                await using var reading = await store.BeginReadAsync(cancellationToken);
                language = (await reading.Groups.FindAsync(inbound.Conversation, cancellationToken))?.Language;
            }
        }
        catch (Exception ex) when (store.IsUnavailable(ex))
        {
            // Nothing was to be saved: the refusal is still the right answer.
            LogStoreUnavailable(logger, ex.GetType().Name, ex.Message);
        }

        language ??= MessageCatalog.DefaultLanguage;
        return Reply.Refusal(Say(phrase, language)) with { StaleStage = staleStage, Language = language };
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(ConversationRef conversation, SuggestionKind kind, string typed, int limit, CancellationToken cancellationToken) =>
        OutsideCommandAsync(() => SuggestCoreAsync(conversation, kind, typed, limit, cancellationToken));

    private async Task<IReadOnlyList<Suggestion>> SuggestCoreAsync(ConversationRef conversation, SuggestionKind kind, string typed, int limit, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadAsync(cancellationToken);
        if (await transaction.Groups.FindAsync(conversation, cancellationToken) is not { } group)
        {
            return [];
        }

        var cases = await transaction.Cases.ListAsync(group.Id, cancellationToken);
        IEnumerable<Suggestion> all = kind is SuggestionKind.Case
            ? cases.Where(c => c.Status is not Cases.CaseStatus.Withdrawn).OrderByDescending(c => c.Number)
                .Select(c => new Suggestion(c.Number, Say(Phrase.Of("suggest.case", ("number", c.Number), ("title", c.Title), ("holder", c.HolderName)))))
            : (await transaction.Sessions.ListUpcomingAsync(group.Id, cancellationToken)).Concat(
                    await transaction.Sessions.FindLatestAsync(group.Id, cancellationToken) is { } latest ? [latest] : [])
                .DistinctBy(s => s.Number)
                .Select(s => new Suggestion(s.Number, Say(Phrase.Of(
                    "suggest.session",
                    ("number", s.Number),
                    ("about", (object?)cases.FirstOrDefault(c => c.Id == s.CaseId)?.Title ?? Phrase.Of("label.no-case-yet"))))));
        var needle = typed.Trim().TrimStart('#');
        return [.. all.Where(s => needle.Length == 0 || s.Label.Contains(needle, StringComparison.OrdinalIgnoreCase))
            .Take(limit)
            .Select(s => s with { Label = Text.UserText.Shorten(s.Label, 95) })];
    }

    public Task SetConversationActiveAsync(ConversationRef conversation, bool active, CancellationToken cancellationToken) =>
        OutsideCommandAsync(async () =>
        {
            await SetActiveCoreAsync(conversation, active, cancellationToken);
            return true;
        });

    public Task<bool> MoveConversationAsync(ConversationRef from, ConversationRef to, CancellationToken cancellationToken) =>
        OutsideCommandAsync(() => MoveCoreAsync(from, to, cancellationToken));

    public Task RecordPromptAsync(ConversationRef conversation, string messageId, StageRef stage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return OutsideCommandAsync(async () =>
        {
            await RecordPromptCoreAsync(conversation, messageId, stage, cancellationToken);
            return true;
        });
    }

    private async Task RecordPromptCoreAsync(ConversationRef conversation, string messageId, StageRef stage, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        if (await transaction.Groups.FindAsync(conversation, cancellationToken) is { } group
            && await transaction.Sessions.FindAsync(group.Id, stage.SessionNumber, forUpdate: false, cancellationToken) is { } session)
        {
            await transaction.Prompts.RecordAsync(group.Id, messageId, session.Id, stage.StageNumber - 1, time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public Task RecordButtonsAsync(ConversationRef conversation, string messageId, string? space, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(message);
        if (!StageButtons.Carries(message))
        {
            return Task.CompletedTask;
        }

        return OutsideCommandAsync(async () =>
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            if (await transaction.Groups.FindAsync(conversation, cancellationToken) is { } group)
            {
                var stale = await StageButtons.RecordAsync(transaction, group.Id, messageId, space, message, time.GetUtcNow(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (stale)
                {
                    dueWork.Pulse();
                }
            }

            return true;
        });
    }

    public Task RecordSpaceAsync(ConversationRef conversation, int sessionNumber, string space, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(space);
        return OutsideCommandAsync(async () =>
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            if (await transaction.Groups.FindAsync(conversation, cancellationToken) is { } group
                && await transaction.Sessions.FindAsync(group.Id, sessionNumber, forUpdate: true, cancellationToken) is { } session)
            {
                var moved = session.Space != space;
                session.UseSpace(space);
                await transaction.Sessions.SaveAsync(session, cancellationToken);
                if (moved)
                {
                    // The session's event links to its space now.
                    await SessionMirror.WriteAsync(transaction, session, time.GetUtcNow(), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            return true;
        });
    }

    public Task<bool> RecordDeliveryAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return OutsideCommandAsync(() => store.TryRecordDeliveryAsync(inbound, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>Work outside a command: an unreachable store is reported as <see cref="StoreUnavailableException"/>, so the caller keeps its work for later.</summary>
    private async Task<T> OutsideCommandAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (store.IsUnavailable(ex))
        {
            LogStoreUnavailable(logger, ex.GetType().Name, ex.Message);
            throw new StoreUnavailableException(ex);
        }
    }

    private async Task SetActiveCoreAsync(ConversationRef conversation, bool active, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        if (await transaction.Groups.FindAsync(conversation, cancellationToken) is { } group && group.Active != active)
        {
            await transaction.Groups.SetActiveAsync(group.Id, active, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<bool> MoveCoreAsync(ConversationRef from, ConversationRef to, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        var moved = await transaction.Groups.MoveAsync(from, to, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!moved)
        {
            LogNotMoved(logger, from.ToString(), to.ToString());
        }

        return moved;
    }

    /// <summary>A command built by the adapter or a button press becomes a command without text parsing.</summary>
    private static ParseResult Translate(Inbound inbound)
    {
        if (inbound.Command is { } built)
        {
            return ParseResult.Ok(built);
        }

        if (inbound.Button is { } button)
        {
            return ParseResult.Ok(button.Action switch
            {
                StageAction.Next => new MoveStageCommand(Forward: true, button.Stage),
                StageAction.Back => new MoveStageCommand(Forward: false, button.Stage),
                StageAction.ConfirmEnd => new EndSessionCommand(button.Stage, Confirmed: true),
                StageAction.Start => new StartSessionCommand(button.Stage.SessionNumber, null, Now: true) { Pressed = true },
                StageAction.Extend => new ExtendStageCommand(Sessions.ExtendStageHandler.ButtonMinutes, button.Stage),
                _ => new EndSessionCommand(button.Stage, Confirmed: false),
            });
        }

        return CommandParser.Parse(inbound.Text);
    }

    /// <summary>A sentence of the engine's own (a refusal, a fallback name, an autocomplete label), always from the catalog.</summary>
    private static string Say(Phrase phrase, string language = MessageCatalog.DefaultLanguage) => MessageCatalog.Default.Render(language, phrase);

    private static Func<IServiceProvider, ICommand, CommandContext, CancellationToken, Task<Reply>> CreateInvoker(Type commandType) =>
        InvokeMethod.MakeGenericMethod(commandType)
            .CreateDelegate<Func<IServiceProvider, ICommand, CommandContext, CancellationToken, Task<Reply>>>();

    private static Task<Reply> InvokeAsync<TCommand>(IServiceProvider services, ICommand command, CommandContext context, CancellationToken cancellationToken)
        where TCommand : ICommand =>
        services.GetRequiredService<ICommandHandler<TCommand>>().HandleAsync((TCommand)command, context, cancellationToken);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "An answer (outbox #{Id}) was delivered after its hold ran out; the outbox may post it again")]
    private static partial void LogSettledLate(ILogger logger, long id);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Conversation {From} moved to {To}, which already has a record of its own; both are kept")]
    private static partial void LogNotMoved(ILogger logger, string from, string to);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "The store cannot be reached ({Kind}: {Reason}); the message is kept for a retry")]
    private static partial void LogStoreUnavailable(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unexpected failure while handling a command; reference {Reference}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string reference);
}
