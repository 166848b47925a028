namespace ConvenerBot.Core.Conversations;

/// <summary>One page of a long listing: platforms with buttons offer the previous and next page.</summary>
/// <param name="List">Which listing (see <see cref="ButtonCode"/>), e.g. <c>cases</c>.</param>
public sealed record PageRef(string List, int Page, int Pages);
