namespace ConvenerBot.Core.Calendar;

/// <summary>An .ics file ready to send: its name (e.g. <c>session-3.ics</c>) and its UTF-8 bytes.</summary>
public sealed record CalendarFile(string Name, byte[] Content);
