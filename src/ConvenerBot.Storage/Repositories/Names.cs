using ConvenerBot.Core.Members;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Storage.Repositories;

/// <summary>The words roles and contribution kinds are stored as: readable in the database, independent of enum order (statuses: <see cref="Statuses"/>).</summary>
internal static class Names
{
    public static string Of(Role role) => role switch
    {
        Core.Members.Role.Organizer => "organizer",
        Core.Members.Role.Facilitator => "facilitator",
        _ => "member",
    };

    public static Role Role(string name) => name switch
    {
        "organizer" => Core.Members.Role.Organizer,
        "facilitator" => Core.Members.Role.Facilitator,
        "member" => Core.Members.Role.Member,
        _ => throw new InvalidDataException($"Unknown stored role '{name}'."),
    };

    public static string Of(ContributionKind kind) => kind switch
    {
        ContributionKind.ClarifyingQuestion => "clarifying_question",
        ContributionKind.OpenQuestion => "open_question",
        ContributionKind.Idea => "idea",
        ContributionKind.NextStep => "next_step",
        _ => "learning",
    };

    public static ContributionKind Kind(string name) => name switch
    {
        "clarifying_question" => ContributionKind.ClarifyingQuestion,
        "open_question" => ContributionKind.OpenQuestion,
        "idea" => ContributionKind.Idea,
        "next_step" => ContributionKind.NextStep,
        "learning" => ContributionKind.Learning,
        _ => throw new InvalidDataException($"Unknown stored contribution kind '{name}'."),
    };
}
