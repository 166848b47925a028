using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Commands;

/// <summary>Who is acting, where, when, and the open transaction every read and write of the command uses.</summary>
/// <param name="Role">The effective role: the stored one, or organizer for a platform admin.</param>
public sealed record CommandContext(Group Group, Member Member, Role Role, IStoreTransaction Store, DateTimeOffset Now)
{
    /// <summary>The platform's way to show an instant, when it has one (see <see cref="Inbound.ShowTime"/>).</summary>
    public Func<DateTimeOffset, string>? PlatformTime { get; init; }

    /// <summary>What kind of chat the command came from.</summary>
    public Conversations.ConversationKind Kind { get; init; }

    /// <summary>The person the message points at, as the platform identifies them (see <see cref="Conversations.Inbound.Mentioned"/>).</summary>
    public Conversations.MemberMention? Mentioned { get; init; }

    /// <summary>The group's language: the catalog's language for every sentence of the answer.</summary>
    public string Language { get; init; } = Text.MessageCatalog.DefaultLanguage;

    /// <summary>A sentence from the message catalog, in the group's language.</summary>
    public string Say(string key, params (string Name, object? Value)[] args) => Text.MessageCatalog.Default.Render(Language, key, args);

    /// <summary>An instant as members should see it: the platform's own way, or in the group's time zone.</summary>
    public string ShowTime(DateTimeOffset instant) => PlatformTime?.Invoke(instant) ?? Scheduling.GroupClock.Format(instant, Group.TimeZone);

    /// <summary>Refuses the command unless the member has at least <paramref name="needed"/>.</summary>
    /// <param name="action">What the member tried, as a phrase that completes "Only an organizer can …" (an <c>action.*</c> key).</param>
    public void Require(Role needed, Text.Phrase action)
    {
        if (Role < needed)
        {
            var who = needed is Role.Organizer ? Describe(Role.Organizer) : Text.Phrase.Of("role.facilitator-or-organizer");
            var how = Text.Phrase.Of(Kind is Conversations.ConversationKind.Local ? "rule.role.how.local" : "rule.role.how.platform");
            throw new ConvenerRuleException("rule.role.too-low", ("who", who), ("action", action), ("role", Describe(Role)), ("how", how));
        }
    }

    public async Task<Case> RequireCaseAsync(int number, CancellationToken cancellationToken) =>
        await Store.Cases.FindAsync(Group.Id, number, cancellationToken)
        ?? throw new ConvenerRuleException("rule.case.not-found", ("number", number));

    /// <summary>A case a stored session refers to; its absence is a fault, not a user mistake.</summary>
    public async Task<Case> RequireCaseByIdAsync(long caseId, CancellationToken cancellationToken) =>
        await Store.Cases.FindByIdAsync(Group.Id, caseId, cancellationToken)
        ?? throw new InvalidOperationException($"Case row {caseId} of group {Group.Id} is missing.");

    public async Task<Session> RequireSessionAsync(int number, bool forUpdate, CancellationToken cancellationToken) =>
        await Store.Sessions.FindAsync(Group.Id, number, forUpdate, cancellationToken)
        ?? throw new ConvenerRuleException("rule.session.not-found", ("number", number));

    public async Task<Session> RequireRunningSessionAsync(CancellationToken cancellationToken) =>
        await Store.Sessions.FindRunningAsync(Group.Id, forUpdate: true, cancellationToken)
        ?? throw new ConvenerRuleException("rule.session.none-running");

    /// <summary>A role as it is said in a sentence: "an organizer", "a facilitator", "a member".</summary>
    public static Text.Phrase Describe(Role role) => Text.Phrase.Of(role switch
    {
        Role.Organizer => "role.organizer",
        Role.Facilitator => "role.facilitator",
        _ => "role.member",
    });
}
