namespace ConvenerBot.Core.Protocols;

public sealed record Stage(string Key, string Title, string Prompt, int Minutes, IReadOnlyList<Collect> Collects);
