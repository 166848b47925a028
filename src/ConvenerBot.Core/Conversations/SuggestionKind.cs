namespace ConvenerBot.Core.Conversations;

public enum SuggestionKind
{
    Case,
    Session,
}
