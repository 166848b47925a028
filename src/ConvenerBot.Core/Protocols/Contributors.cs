namespace ConvenerBot.Core.Protocols;

/// <summary>Who may give a kind of contribution in a stage.</summary>
public enum Contributors
{
    /// <summary>Only the case holder.</summary>
    Holder,

    /// <summary>Everyone but the case holder.</summary>
    Group,

    /// <summary>Everyone, the holder included.</summary>
    Everyone,
}
