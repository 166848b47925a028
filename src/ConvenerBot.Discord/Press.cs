namespace ConvenerBot.Discord;

/// <summary>What a button press is for: it decides how the pressed message changes.</summary>
internal enum Press
{
    None,

    /// <summary>A stage button (Next, Back, End, confirm): the old prompt loses its buttons, the answer follows.</summary>
    Stage,

    /// <summary>A page button: the pressed message becomes the other page.</summary>
    Page,
}
