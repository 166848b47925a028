using System.Text;
using ConvenerBot.Core.Calendar;

namespace ConvenerBot.Calendar;

/// <summary>The platforms' <see cref="ICalendarFiles"/>: the file is what <see cref="IcsWriter"/> writes, in UTF-8.</summary>
internal sealed class IcsFiles(TimeProvider time) : ICalendarFiles
{
    public CalendarFile Write(CalendarFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return new CalendarFile(feed.FileName, Encoding.UTF8.GetBytes(IcsWriter.Write(feed, time.GetUtcNow())));
    }
}
