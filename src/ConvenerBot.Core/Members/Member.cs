namespace ConvenerBot.Core.Members;

/// <summary>A person in a group. <see cref="Role"/> is the stored role; platform admins act as organizers.</summary>
public sealed record Member(long Id, long GroupId, string ExternalId, string DisplayName, Role Role, DateTimeOffset JoinedAt);
