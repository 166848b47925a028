namespace ConvenerBot.Core.Conversations;

/// <summary>A number to offer while a member types one, with a label to recognise it by.</summary>
public sealed record Suggestion(int Number, string Label);
