namespace ConvenerBot.Telegram;

/// <summary>What became of a call to Telegram (<see cref="TelegramSender.CallAsync{T}"/>).</summary>
/// <param name="Value">Telegram's answer when <see cref="TelegramCallOutcome.Done"/>; default otherwise.</param>
/// <param name="Description">Telegram's reason when it refused.</param>
/// <param name="MovedTo">The supergroup the chat became on the way (the call went there); the caller moves the group's record.</param>
internal readonly record struct TelegramCall<T>(TelegramCallOutcome Outcome, T? Value, string Description, long? MovedTo)
{
    public bool IsDone => Outcome is TelegramCallOutcome.Done;
}
