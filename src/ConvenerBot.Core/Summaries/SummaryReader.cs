using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Summaries;

/// <summary>Gathers a session's summary from the store within the command's transaction.</summary>
public sealed class SummaryReader(ProtocolCatalog protocols)
{
    public async Task<SessionSummary> ReadAsync(Session session, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(context);
        var store = context.Store;
        var theCase = session.CaseId is { } caseId
            ? await context.RequireCaseByIdAsync(caseId, cancellationToken)
            : null;
        var members = await store.Members.ListAsync(context.Group.Id, cancellationToken);
        var facilitator = members.FirstOrDefault(m => m.Id == session.FacilitatorId)?.DisplayName;
        var attendees = await store.Sessions.ListAttendeesAsync(session.Id, cancellationToken);
        var contributions = await store.Contributions.ListAsync(session.Id, cancellationToken);
        return new SessionSummary(context.Group, session, protocols.Get(session.ProtocolKey), theCase, facilitator, attendees, contributions, context.ShowTime);
    }
}
