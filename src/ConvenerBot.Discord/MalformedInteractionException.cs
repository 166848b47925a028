namespace ConvenerBot.Discord;

/// <summary>A signed interaction whose shape is not what Discord documents; the endpoint answers 400 and logs the reason.</summary>
internal sealed class MalformedInteractionException(string reason) : Exception(reason);
