namespace ConvenerBot.Core.Conversations;

public enum MessageFormat
{
    Plain,
    Markdown,
}
