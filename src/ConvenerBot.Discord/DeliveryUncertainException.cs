namespace ConvenerBot.Discord;

/// <summary>
/// A call that creates something and carries no nonce timed out or lost its connection after it was sent:
/// Discord may have done it, so it is not tried again (nor sent another way), lest it appear twice.
/// </summary>
internal sealed class DeliveryUncertainException(string message, Exception inner) : HttpRequestException(message, inner);
