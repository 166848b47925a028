using System.Text;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

public sealed class ListSessionsHandler(ProtocolCatalog protocols) : ICommandHandler<ListSessionsCommand>
{
    public async Task<Reply> HandleAsync(ListSessionsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = await context.Store.Sessions.ListUpcomingAsync(context.Group.Id, cancellationToken);
        if (sessions.Count == 0)
        {
            return Reply.Text("No sessions are coming up. A facilitator schedules one with /session schedule YYYY-MM-DD HH:MM [case ID].");
        }

        var cases = (await context.Store.Cases.ListAsync(context.Group.Id, cancellationToken)).ToDictionary(c => c.Id);
        var text = new StringBuilder("Upcoming sessions:");
        foreach (var s in sessions)
        {
            text.Append('\n').Append(s.Number).Append(". ").Append(context.ShowTime(s.ScheduledAt)).Append(" — ");
            text.Append(s.CaseId is { } id && cases.TryGetValue(id, out var c) ? $"case {c.Number}, {UserText.Shorten(c.Title, 60)}" : "no case yet");
            var protocol = protocols.Get(s.ProtocolKey);
            text.Append(", ").Append(protocol.Key);
            if (s.Status is SessionStatus.Running)
            {
                text.Append(" — running, stage ").Append((s.StageIndex ?? 0) + 1).Append(" of ").Append(protocol.Stages.Count);
            }
        }

        return Reply.Text(text.ToString());
    }
}
