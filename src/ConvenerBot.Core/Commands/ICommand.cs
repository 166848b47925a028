namespace ConvenerBot.Core.Commands;

/// <summary>Marker for a parsed command; each has exactly one handler.</summary>
public interface ICommand;
