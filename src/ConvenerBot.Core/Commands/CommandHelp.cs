namespace ConvenerBot.Core.Commands;

/// <summary>The command list shown by /help; adapters may register it with their platform.</summary>
public static class CommandHelp
{
    public static IReadOnlyList<(string Usage, string Summary)> Entries { get; } =
    [
        ("/case open TITLE | DESCRIPTION", "bring a case (the description is optional)"),
        ("/case list [PAGE]", "the group's cases, 20 to a page"),
        ("/case show ID", "one case in full"),
        ("/case withdraw ID", "withdraw your case (holder or organizer)"),
        ("/session schedule YYYY-MM-DD HH:MM [case ID] [protocol KEY]", "schedule a session (facilitator)"),
        ("/session list", "upcoming sessions"),
        ("/session cancel ID", "cancel a scheduled session (facilitator)"),
        ("/session start [ID] [case ID]", "start a session (facilitator)"),
        ("/next, /back", "move between stages (facilitator)"),
        ("/session end", "close the session and store its outcome (facilitator)"),
        ("/ask TEXT", "a question, in the questioning stages"),
        ("/idea TEXT", "a possible next step, when exploring next steps"),
        ("/step TEXT", "the holder's chosen next step"),
        ("/learn TEXT", "what you take away, in the last stage"),
        ("/here", "mark yourself present in the running session"),
        ("/summary [ID]", "a session's summary (the latest when no ID)"),
        ("/role facilitator|member|organizer", "give a member a role (organizer): reply to one of their messages, or add @username (NAME in the terminal chat)"),
        ("/timezone [ZONE]", "show or set the group's time zone, e.g. Europe/Oslo (organizer)"),
        ("/protocols", "the protocols sessions can follow"),
        ("/me", "who you are here and your role"),
        ("/help", "this list"),
    ];

    public static string Render() =>
        "Commands:\n" + string.Join("\n", Entries.Select(e => $"{e.Usage} — {e.Summary}"));
}
