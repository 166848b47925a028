using System.Text.Json.Nodes;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Discord;

/// <summary>
/// An interaction in the engine's terms: an <see cref="Inbound"/> for the engine, or a response the
/// adapter gives by itself (a form, the slash help, an input the typed options cannot express).
/// </summary>
/// <param name="AnswersPrivately">Decided before the engine runs, so a deferral has the right visibility.</param>
internal sealed record Interpretation(InteractionContext Context, Inbound? Inbound, JsonObject? Immediate, Press Press, bool AnswersPrivately);
