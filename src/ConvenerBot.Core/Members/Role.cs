namespace ConvenerBot.Core.Members;

/// <summary>Roles in a group, ordered so that a higher role includes every right of a lower one.</summary>
public enum Role
{
    Member = 0,
    Facilitator = 1,
    Organizer = 2,
}
