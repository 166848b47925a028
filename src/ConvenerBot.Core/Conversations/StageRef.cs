namespace ConvenerBot.Core.Conversations;

/// <summary>Names one stage of one session, as members see them: session 2, stage 3 (counting from 1).</summary>
public readonly record struct StageRef(int SessionNumber, int StageNumber);
