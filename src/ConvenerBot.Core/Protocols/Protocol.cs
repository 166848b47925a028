namespace ConvenerBot.Core.Protocols;

public sealed record Protocol(string Key, string Name, string Description, IReadOnlyList<Stage> Stages);
