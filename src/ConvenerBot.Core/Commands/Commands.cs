using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Commands;

public sealed record HelpCommand : ICommand;

public sealed record VersionCommand : ICommand;

public sealed record WhoAmICommand : ICommand;

public sealed record TimeZoneCommand(string? Zone) : ICommand;

public sealed record ListProtocolsCommand : ICommand;

public sealed record OpenCaseCommand(string Title, string? Description) : ICommand;

/// <param name="Page">Which page of the list, from 1.</param>
public sealed record ListCasesCommand(int Page = 1) : ICommand;

public sealed record ShowCaseCommand(int Number) : ICommand;

public sealed record WithdrawCaseCommand(int Number) : ICommand;

public sealed record ScheduleSessionCommand(string When, int? CaseNumber, string? ProtocolKey) : ICommand;

public sealed record ListSessionsCommand : ICommand;

/// <param name="Rule">When the series meets, as typed (<c>last Saturday of every month at 10:00</c>).</param>
public sealed record AddSeriesCommand(string Rule, int? CaseNumber, string? ProtocolKey) : ICommand;

public sealed record ListSeriesCommand : ICommand;

public sealed record ShowSeriesCommand(int Number) : ICommand;

/// <param name="Change">Pause it, resume it, or end it for good.</param>
public sealed record ChangeSeriesCommand(int Number, Series.SeriesStatus Change) : ICommand;

/// <param name="Date">The day of the session to skip, as typed (<c>2026-12-26</c>), in the series' time zone.</param>
public sealed record SkipSeriesCommand(int Number, string Date) : ICommand;

/// <param name="Date">The day of the session to move, as typed (<c>2026-12-26</c>), in the series' time zone.</param>
/// <param name="When">Its new time, as typed, in the group's time zone.</param>
public sealed record MoveSeriesSessionCommand(int Number, string Date, string When) : ICommand;

public sealed record ShowSessionCommand(int Number) : ICommand;

/// <param name="Title">With <see cref="Sessions.RsvpAnswer.Case"/>: the title of the case the member would bring.</param>
public sealed record RsvpCommand(int Number, Sessions.RsvpAnswer Answer, string? Title = null) : ICommand;

public sealed record ShowRemindersCommand : ICommand;

/// <param name="Times">The reminder times as typed (<c>7d 1d 1h</c>, or <c>none</c>).</param>
public sealed record SetRemindersCommand(string Times) : ICommand;

/// <param name="On">Whether the member wants their reminders privately too.</param>
public sealed record PrivateRemindersCommand(bool On) : ICommand;

public sealed record CancelSessionCommand(int Number) : ICommand;

/// <param name="When">The session's new time, as typed, in the group's time zone.</param>
public sealed record MoveSessionCommand(int Number, string When) : ICommand;

public sealed record SessionCalendarCommand(int Number) : ICommand;

/// <param name="Reset">Give the group a new feed address; the old one stops working.</param>
public sealed record CalendarCommand(bool Reset) : ICommand;

/// <param name="Now">Start it now even though it is planned for another time (more than an hour away).</param>
public sealed record StartSessionCommand(int? Number, int? CaseNumber, bool Now = false) : ICommand
{
    /// <summary>Pressed as the Start button of a start notice: a session that has started, ended or was cancelled since is refused as stale.</summary>
    public bool Pressed { get; init; }
}

/// <param name="Expected">The stage a button was pressed under; the move happens only while it is current.</param>
public sealed record MoveStageCommand(bool Forward, StageRef? Expected = null) : ICommand;

/// <param name="Expected">The stage an End button was pressed under; it ends only that session.</param>
/// <param name="Confirmed">False for a first press of End: the answer asks the facilitator to confirm. Typed /session end is explicit.</param>
public sealed record EndSessionCommand(StageRef? Expected = null, bool Confirmed = true) : ICommand;

/// <param name="Verb">The command typed; null for a plain reply to a stage prompt, which takes the stage's own kind.</param>
/// <param name="Stage">The stage prompt replied to; the contribution is taken only while that stage is current.</param>
public sealed record ContributeCommand(ContributionVerb? Verb, string Text, StageRef? Stage = null) : ICommand;

public sealed record HereCommand : ICommand;

/// <param name="Minutes">How many minutes from now the current stage's time is up.</param>
/// <param name="Expected">The stage an Extend button was pressed under; it gives time only while that stage is current.</param>
public sealed record ExtendStageCommand(int Minutes, StageRef? Expected = null) : ICommand;

/// <param name="Setting">Which setting to change (<c>autostart</c>, <c>grace</c>, <c>autoadvance</c>); null shows them all.</param>
/// <param name="Value">Its new value as typed: <c>on</c> or <c>off</c>, or a number of minutes.</param>
public sealed record SettingsCommand(string? Setting, string? Value) : ICommand;

public sealed record SummaryCommand(int? SessionNumber) : ICommand;

/// <param name="Name">The name typed after the role, if any. It identifies the member only in the local
/// terminal chat; on the platforms the member is the one mentioned (see <see cref="Inbound.Mentioned"/>)
/// or a unique <c>@username</c>.</param>
public sealed record SetRoleCommand(Role Role, string? Name) : ICommand;
