namespace ConvenerBot.Discord;

/// <summary>Work to run once an interaction's first response has been sent, run by <see cref="InteractionWork"/>.</summary>
/// <param name="What">What the work delivers, for the log if it is lost.</param>
internal sealed record AfterResponse(string InteractionId, string What, Func<CancellationToken, Task> RunAsync);
