using System.Text;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Summaries;

/// <summary>
/// Renders a session as Markdown: case, holder, time, who took part, contributions stage by stage, next
/// steps, learnings. Headings and labels come from the message catalog in <c>language</c>; what members
/// wrote is escaped, the catalog's own words are not.
/// </summary>
public static class MarkdownSummaryRenderer
{
    private const string Nothing = "—";

    public static string Render(SessionSummary summary, string language)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string Say(string key, params (string Name, object? Value)[] args) => MessageCatalog.Default.Render(language, key, args);

        var session = summary.Session;
        var md = new StringBuilder();
        var about = summary.Case is { } c
            ? Phrase.Of("summary.title.case", ("number", c.Number), ("title", Markdown.Escape(c.Title)))
            : Phrase.Of("summary.title.no-case");
        md.Append("# ").AppendLine(Say("summary.title", ("number", session.Number), ("about", about)));
        if (session.Status is SessionStatus.Running)
        {
            md.AppendLine().Append('_').Append(Say("summary.running")).AppendLine("_");
        }

        md.AppendLine();
        AppendField(md, Say("summary.label.holder"), summary.Case is { } h ? Markdown.Escape(h.HolderName) : Nothing);
        AppendField(md, Say("summary.label.when"), When(session, summary.ShowTime, language));
        AppendField(md, Say("summary.label.protocol"), Markdown.Escape(summary.Protocol.Name));
        AppendField(md, Say("summary.label.facilitator"), summary.FacilitatorName is { } f ? Markdown.Escape(f) : Nothing);
        AppendField(md, Say("summary.label.took-part"), summary.Attendees.Count == 0
            ? Nothing
            : string.Join(", ", summary.Attendees.Select(a => Markdown.Escape(a.DisplayName))));
        if (summary.Case?.Description is { } description)
        {
            md.AppendLine().Append("## ").AppendLine(Say("summary.heading.case")).AppendLine()
                .AppendLine(string.Join("  \n", description.Split('\n').Select(Markdown.EscapeLine)));
        }

        // Next steps and learnings have closing lists of their own; stages show the rest.
        var byStage = summary.Contributions.Where(x => x.Kind is not ContributionKind.NextStep and not ContributionKind.Learning).ToLookup(x => x.StageKey);
        var number = 0;
        foreach (var stage in summary.Protocol.Stages)
        {
            number++;
            var items = byStage[stage.Key].ToList();
            if (items.Count == 0)
            {
                continue;
            }

            md.AppendLine().Append("## ").Append(number).Append(". ").AppendLine(Markdown.Escape(stage.Title)).AppendLine();
            foreach (var item in items)
            {
                md.Append("- ").AppendLine(Say("summary.item", ("kind", Label(item.Kind)), ("name", Markdown.Escape(item.MemberName)), ("text", Markdown.Escape(item.Text))));
            }
        }

        AppendList(md, Say("summary.heading.steps"), Say("summary.none"), summary.Contributions.Where(x => x.Kind is ContributionKind.NextStep), withAuthor: false);
        AppendList(md, Say("summary.heading.learnings"), Say("summary.none"), summary.Contributions.Where(x => x.Kind is ContributionKind.Learning), withAuthor: true);
        return md.ToString().TrimEnd() + "\n";
    }

    private static void AppendField(StringBuilder md, string label, string value) => md.Append("- **").Append(label).Append("** ").AppendLine(value);

    private static void AppendList(StringBuilder md, string heading, string none, IEnumerable<Contribution> items, bool withAuthor)
    {
        md.AppendLine().Append("## ").AppendLine(heading).AppendLine();
        var any = false;
        foreach (var item in items)
        {
            any = true;
            md.Append("- ");
            if (withAuthor)
            {
                md.Append(Markdown.Escape(item.MemberName)).Append(": ");
            }

            md.AppendLine(Markdown.Escape(item.Text));
        }

        if (!any)
        {
            md.Append('_').Append(none).AppendLine("_");
        }
    }

    private static string When(Session session, Func<DateTimeOffset, string> showTime, string language)
    {
        var start = session.StartedAt ?? session.ScheduledAt;
        var text = showTime(start);
        if (session.EndedAt is { } end)
        {
            var minutes = (int)Math.Round((end - start).TotalMinutes);
            text = MessageCatalog.Default.Render(language, "summary.when.duration", ("start", text), ("minutes", minutes));
        }

        return text;
    }

    private static Phrase Label(ContributionKind kind) => Phrase.Of(kind switch
    {
        ContributionKind.ClarifyingQuestion => "summary.kind.clarifying-question",
        ContributionKind.OpenQuestion => "summary.kind.question",
        ContributionKind.Idea => "summary.kind.idea",
        ContributionKind.NextStep => "summary.kind.next-step",
        ContributionKind.Learning => "summary.kind.learning",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    });
}
