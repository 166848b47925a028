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
    ConvenerOptions options,
    TimeProvider time,
    ILogger<Convener> logger) : IConvener
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, ICommand, CommandContext, CancellationToken, Task<Reply>>> Invokers = new();

    private static readonly MethodInfo InvokeMethod = typeof(Convener).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var parsed = Translate(inbound);
        if (parsed.Command is not { } command)
        {
            return Reply.Refusal(parsed.Error!);
        }

        using var logScope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Conversation"] = inbound.Conversation.ToString(),
            ["Member"] = inbound.Member.ToString(),
            ["Command"] = command.GetType().Name,
        });
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var transaction = await store.BeginAsync(cancellationToken);
            var now = time.GetUtcNow();
            if (inbound.DeliveryId is { } delivery
                && !await transaction.Deliveries.TryRecordAsync(inbound.Conversation.Platform, delivery, now, cancellationToken))
            {
                return Reply.Duplicate;
            }

            var group = await transaction.Groups.GetOrCreateAsync(
                inbound.Conversation, UserText.CleanName(inbound.ConversationTitle, "this group"), options.DefaultTimeZone, now, cancellationToken);
            var member = await transaction.Members.GetOrCreateAsync(
                group.Id, inbound.Member.Id, UserText.CleanName(inbound.DisplayName, "member " + inbound.Member.Id), now, cancellationToken);
            if (!group.Active)
            {
                await transaction.Groups.SetActiveAsync(group.Id, active: true, cancellationToken);
            }

            var role = inbound.IsPlatformAdmin ? Role.Organizer : member.Role;
            var context = new CommandContext(group, member, role, transaction, now) { PlatformTime = inbound.ShowTime };

            var invoke = Invokers.GetOrAdd(command.GetType(), CreateInvoker);
            var reply = await invoke(scope.ServiceProvider, command, context, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return reply;
        }
        catch (ConvenerRuleException ex)
        {
            return Reply.Refusal(ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            LogUnexpected(logger, ex, reference);
            return Reply.Text($"Sorry, something went wrong on my side and the command was not carried out. If you report it, quote reference {reference}.");
        }
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(ConversationRef conversation, SuggestionKind kind, string typed, int limit, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
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

    public async Task SetConversationActiveAsync(ConversationRef conversation, bool active, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        if (await transaction.Groups.FindAsync(conversation, cancellationToken) is { } group && group.Active != active)
        {
            await transaction.Groups.SetActiveAsync(group.Id, active, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>A button press or a plain reply to a stage prompt becomes a command without text parsing.</summary>
    private static ParseResult Translate(Inbound inbound)
    {
        if (inbound.Button is { } button)
        {
            return ParseResult.Ok(button.Action switch
            {
                StageAction.Next => new MoveStageCommand(Forward: true, button.Stage),
                StageAction.Back => new MoveStageCommand(Forward: false, button.Stage),
                _ => new EndSessionCommand(button.Stage),
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

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unexpected failure while handling a command; reference {Reference}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string reference);
}
