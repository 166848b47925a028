using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

public sealed class ListSessionsHandler(ProtocolCatalog protocols) : ICommandHandler<ListSessionsCommand>
{
    /// <summary>How far back missed sessions are still listed (apart from the upcoming ones).</summary>
    public static readonly TimeSpan MissedShownFor = TimeSpan.FromDays(7);

    public async Task<Reply> HandleAsync(ListSessionsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = await context.Store.Sessions.ListUpcomingAsync(context.Group.Id, cancellationToken);
        // A session nobody started in time is missed, not upcoming: the recent ones are listed apart.
        var missed = await context.Store.Sessions.ListMissedAsync(context.Group.Id, context.Now - MissedShownFor, cancellationToken);
        if (sessions.Count == 0 && missed.Count == 0)
        {
            return Reply.Text(context.Say("reply.sessions.none"));
        }

        var cases = (await context.Store.Cases.ListAsync(context.Group.Id, cancellationToken)).ToDictionary(c => c.Id);
        var lines = new List<string> { context.Say(sessions.Count == 0 ? "reply.sessions.none-ahead" : "reply.sessions.title") };
        foreach (var s in sessions)
        {
            var about = s.CaseId is { } id && cases.TryGetValue(id, out var c)
                ? Phrase.Of("reply.sessions.case", ("number", c.Number), ("title", UserText.Shorten(c.Title, 60)))
                : Phrase.Of("label.no-case-yet");
            var protocol = protocols.Get(s.ProtocolKey);
            lines.Add(s.Status is SessionStatus.Running
                ? context.Say(
                    "reply.sessions.line.running",
                    ("number", s.Number), ("when", context.ShowTime(s.ScheduledAt)), ("about", about), ("protocol", protocol.Key),
                    ("stage", (s.StageIndex ?? 0) + 1), ("stages", protocol.Stages.Count),
                    ("since", context.ShowTime(s.StageStartedAt ?? s.StartedAt ?? s.ScheduledAt)))
                : context.Say("reply.sessions.line", ("number", s.Number), ("when", context.ShowTime(s.ScheduledAt)), ("about", about), ("protocol", protocol.Key)));
        }

        if (missed.Count > 0)
        {
            lines.Add(context.Say("reply.sessions.missed.title"));
            lines.AddRange(missed.Select(s => context.Say("reply.sessions.missed.line", ("number", s.Number), ("when", context.ShowTime(s.ScheduledAt)))));
            lines.Add(context.Say("reply.sessions.missed.hint"));
        }

        return Reply.Text(string.Join('\n', lines));
    }
}
