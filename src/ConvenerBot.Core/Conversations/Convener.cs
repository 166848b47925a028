using System.Collections.Concurrent;
using System.Reflection;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Persistence;
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
    TimeProvider time,
    ILogger<Convener> logger) : IConvener
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, ICommand, CommandContext, CancellationToken, Task<Reply>>> Invokers = new();

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
            var parsed = Translate(inbound);
            if (parsed.Command is not { } command)
            {
                return await RefuseAsync(inbound, parsed.Error!, staleStage: false, cancellationToken);
            }

            if (inbound.Kind is ConversationKind.Private)
            {
                return await privateChat.HandleAsync(inbound, command, cancellationToken);
            }

            var reply = CommandEffects.ReadsOnly(command) && await ReadAsync(inbound, command, cancellationToken) is { } read
                ? read
                : await RunAsync(inbound, command, cancellationToken);
            return reply.Refused || !CommandVisibility.AnswersPrivately(command) ? reply : reply with { Private = true };
        }
        catch (ConvenerRuleException ex)
        {
            return await RefuseAsync(inbound, ex.Message, ex.StaleStage, cancellationToken);
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
            return Reply.Text($"Sorry, something went wrong on my side and the command was not carried out. If you report it, quote reference {reference}.");
        }
    }

    private async Task<Reply> RunAsync(Inbound inbound, ICommand command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var transaction = await store.BeginAsync(cancellationToken);
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

        var reply = await RunHandlerAsync(scope, command, Context(inbound, group, member, transaction, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reply;
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
        await using (var scope = scopes.CreateAsyncScope())
        await using (var reading = await store.BeginReadAsync(cancellationToken))
        {
            if (await reading.Groups.FindAsync(inbound.Conversation, cancellationToken) is not { Active: true } group
                || group.Title != GroupTitle(inbound)
                || await reading.Members.FindCurrentAsync(group.Id, Profile(inbound), cancellationToken) is not { } member)
            {
                return null;
            }

            reply = await RunHandlerAsync(scope, command, Context(inbound, group, member, reading, now), cancellationToken);
        }

        return await store.TryRecordDeliveryAsync(inbound, now, cancellationToken) ? reply : Reply.Duplicate;
    }

    private static string GroupTitle(Inbound inbound) => UserText.CleanName(inbound.ConversationTitle, "this group");

    private static MemberProfile Profile(Inbound inbound) =>
        new(inbound.Member.Id, UserText.CleanName(inbound.DisplayName, "member " + inbound.Member.Id), UserText.CleanHandle(inbound.Handle));

    private static CommandContext Context(Inbound inbound, Groups.Group group, Member member, IStoreTransaction transaction, DateTimeOffset now) =>
        new(group, member, inbound.IsPlatformAdmin ? Role.Organizer : member.Role, transaction, now)
        {
            PlatformTime = inbound.ShowTime,
            Kind = inbound.Kind,
            Mentioned = inbound.Mentioned,
        };

    private static Task<Reply> RunHandlerAsync(AsyncServiceScope scope, ICommand command, CommandContext context, CancellationToken cancellationToken) =>
        Invokers.GetOrAdd(command.GetType(), CreateInvoker)(scope.ServiceProvider, command, context, cancellationToken);

    /// <summary>
    /// A refused command changed nothing, but its delivery is still recorded (in a transaction of its own),
    /// so that a redelivery after a restart does not send the refusal again.
    /// </summary>
    private async Task<Reply> RefuseAsync(Inbound inbound, string message, bool staleStage, CancellationToken cancellationToken)
    {
        try
        {
            if (!await store.TryRecordDeliveryAsync(inbound, time.GetUtcNow(), cancellationToken))
            {
                return Reply.Duplicate;
            }
        }
        catch (Exception ex) when (store.IsUnavailable(ex))
        {
            // Nothing was to be saved: the refusal is still the right answer.
            LogStoreUnavailable(logger, ex.GetType().Name, ex.Message);
        }

        return Reply.Refusal(message) with { StaleStage = staleStage };
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
                .Select(c => new Suggestion(c.Number, $"{c.Number}. {c.Title} ({c.HolderName})"))
            : (await transaction.Sessions.ListUpcomingAsync(group.Id, cancellationToken)).Concat(
                    await transaction.Sessions.FindLatestAsync(group.Id, cancellationToken) is { } latest ? [latest] : [])
                .DistinctBy(s => s.Number)
                .Select(s => new Suggestion(s.Number, $"Session {s.Number}, " + (cases.FirstOrDefault(c => c.Id == s.CaseId)?.Title ?? "no case yet")));
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

    /// <summary>A command built by the adapter, a button press or a plain reply to a stage prompt becomes a command without text parsing.</summary>
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
                _ => new EndSessionCommand(button.Stage, Confirmed: false),
            });
        }

        if (inbound.RepliedToStage is { } stage && !inbound.Text.TrimStart().StartsWith('/'))
        {
            return ParseResult.Ok(new ContributeCommand(null, inbound.Text, stage));
        }

        return CommandParser.Parse(inbound.Text);
    }

    private static Func<IServiceProvider, ICommand, CommandContext, CancellationToken, Task<Reply>> CreateInvoker(Type commandType) =>
        InvokeMethod.MakeGenericMethod(commandType)
            .CreateDelegate<Func<IServiceProvider, ICommand, CommandContext, CancellationToken, Task<Reply>>>();

    private static Task<Reply> InvokeAsync<TCommand>(IServiceProvider services, ICommand command, CommandContext context, CancellationToken cancellationToken)
        where TCommand : ICommand =>
        services.GetRequiredService<ICommandHandler<TCommand>>().HandleAsync((TCommand)command, context, cancellationToken);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Conversation {From} moved to {To}, which already has a record of its own; both are kept")]
    private static partial void LogNotMoved(ILogger logger, string from, string to);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "The store cannot be reached ({Kind}: {Reason}); the message is kept for a retry")]
    private static partial void LogStoreUnavailable(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unexpected failure while handling a command; reference {Reference}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string reference);
}
