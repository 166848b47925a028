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

    /// <summary>Starts a scheduled session (under its start notice; the stage is the session's first).</summary>
    Start,

    /// <summary>Gives the stage more time (under its time-up notice).</summary>
    Extend,
}
