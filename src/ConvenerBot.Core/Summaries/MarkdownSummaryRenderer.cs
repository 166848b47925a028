using System.Text;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Summaries;

/// <summary>Renders a session as Markdown: case, holder, time, who took part, contributions stage by stage, next steps, learnings.</summary>
public static class MarkdownSummaryRenderer
{
    public static string Render(SessionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var session = summary.Session;
        var md = new StringBuilder();
        var title = summary.Case is { } c ? $"Case {c.Number}: {Markdown.Escape(c.Title)}" : "no case";
        md.Append("# Session ").Append(session.Number).Append(" — ").AppendLine(title);
        if (session.Status is SessionStatus.Running)
        {
            md.AppendLine().AppendLine("_Still running: this summary shows the session so far._");
        }

        md.AppendLine();
        md.Append("- **Holder:** ").AppendLine(summary.Case is { } h ? Markdown.Escape(h.HolderName) : "—");
        md.Append("- **When:** ").AppendLine(When(session, summary.ShowTime));
        md.Append("- **Protocol:** ").AppendLine(Markdown.Escape(summary.Protocol.Name));
        md.Append("- **Facilitator:** ").AppendLine(summary.FacilitatorName is { } f ? Markdown.Escape(f) : "—");
        md.Append("- **Took part:** ").AppendLine(summary.Attendees.Count == 0
            ? "—"
            : string.Join(", ", summary.Attendees.Select(a => Markdown.Escape(a.DisplayName))));
        if (summary.Case?.Description is { } description)
        {
            md.AppendLine().AppendLine("## The case").AppendLine().AppendLine(string.Join("  \n", description.Split('\n').Select(Markdown.EscapeLine)));
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
                md.Append("- ").Append(Label(item.Kind)).Append(" from ").Append(Markdown.Escape(item.MemberName)).Append(": ").AppendLine(Markdown.Escape(item.Text));
            }
        }

        AppendList(md, "Next steps chosen by the holder", summary.Contributions.Where(x => x.Kind is ContributionKind.NextStep), withAuthor: false);
        AppendList(md, "Learnings", summary.Contributions.Where(x => x.Kind is ContributionKind.Learning), withAuthor: true);
        return md.ToString().TrimEnd() + "\n";
    }

    private static void AppendList(StringBuilder md, string heading, IEnumerable<Contribution> items, bool withAuthor)
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
            md.AppendLine("_None recorded._");
        }
    }

    private static string When(Session session, Func<DateTimeOffset, string> showTime)
    {
        var start = session.StartedAt ?? session.ScheduledAt;
        var text = showTime(start);
        if (session.EndedAt is { } end)
        {
            var minutes = (int)Math.Round((end - start).TotalMinutes);
            text += $", {minutes} min";
        }

        return text;
    }

    private static string Label(ContributionKind kind) => kind switch
    {
        ContributionKind.ClarifyingQuestion => "Clarifying question",
        ContributionKind.OpenQuestion => "Question",
        ContributionKind.Idea => "Idea",
        ContributionKind.NextStep => "Next step",
        ContributionKind.Learning => "Learning",
        _ => kind.ToString(),
    };
}
