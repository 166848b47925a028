using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Commands;

public sealed record HelpCommand : ICommand;

public sealed record WhoAmICommand : ICommand;

public sealed record TimeZoneCommand(string? Zone) : ICommand;

public sealed record ListProtocolsCommand : ICommand;

public sealed record OpenCaseCommand(string Title, string? Description) : ICommand;

public sealed record ListCasesCommand : ICommand;

public sealed record ShowCaseCommand(int Number) : ICommand;

public sealed record WithdrawCaseCommand(int Number) : ICommand;

public sealed record ScheduleSessionCommand(string When, int? CaseNumber, string? ProtocolKey) : ICommand;

public sealed record ListSessionsCommand : ICommand;

public sealed record CancelSessionCommand(int Number) : ICommand;

public sealed record StartSessionCommand(int? Number, int? CaseNumber) : ICommand;

/// <param name="Expected">The stage a button was pressed under; the move happens only while it is current.</param>
public sealed record MoveStageCommand(bool Forward, StageRef? Expected = null) : ICommand;

/// <param name="Expected">The stage an End button was pressed under; it ends only that session.</param>
public sealed record EndSessionCommand(StageRef? Expected = null) : ICommand;

/// <param name="Verb">The command typed; null for a plain reply to a stage prompt, which takes the stage's own kind.</param>
/// <param name="Stage">The stage prompt replied to; the contribution is taken only while that stage is current.</param>
public sealed record ContributeCommand(ContributionVerb? Verb, string Text, StageRef? Stage = null) : ICommand;

public sealed record HereCommand : ICommand;

public sealed record SummaryCommand(int? SessionNumber) : ICommand;

public sealed record SetRoleCommand(Role Role, string Name) : ICommand;
