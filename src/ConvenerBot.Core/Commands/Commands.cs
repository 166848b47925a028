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

public sealed record MoveStageCommand(bool Forward) : ICommand;

public sealed record EndSessionCommand : ICommand;

public sealed record ContributeCommand(ContributionVerb Verb, string Text) : ICommand;

public sealed record HereCommand : ICommand;

public sealed record SummaryCommand(int? SessionNumber) : ICommand;

public sealed record SetRoleCommand(Role Role, string Name) : ICommand;
