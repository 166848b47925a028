namespace ConvenerBot.Core.Conversations;

/// <summary>Actions offered under a stage prompt (buttons where the platform has them).</summary>
public enum StageAction
{
    Next,
    Back,

    /// <summary>Asks to end the session; the answer asks the facilitator to confirm.</summary>
    End,

    /// <summary>Ends the session after the facilitator confirmed.</summary>
    ConfirmEnd,
}
