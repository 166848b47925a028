namespace ConvenerBot.Core.Conversations;

/// <summary>A press of a button under a stage prompt. The stage makes a stale or repeated press harmless.</summary>
public sealed record StageButton(StageAction Action, StageRef Stage);
