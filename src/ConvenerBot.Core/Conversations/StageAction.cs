namespace ConvenerBot.Core.Conversations;

/// <summary>Actions offered under a stage prompt (buttons where the platform has them).</summary>
public enum StageAction
{
    Next,
    Back,
    End,
}
