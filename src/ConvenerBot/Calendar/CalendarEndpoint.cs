using System.Text;
using ConvenerBot.Core.Calendar;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConvenerBot.Calendar;

/// <summary>
/// <c>GET /calendar/{token}.ics</c>: a group's calendar feed, read-only. A malformed, unknown or replaced
/// token is 404, the same answer whatever was wrong with it (see <see cref="CalendarTokens"/>).
/// </summary>
public static class CalendarEndpoint
{
    public const string Path = "/calendar/{token}.ics";

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Path, ReadAsync);
        return endpoints;
    }

    private static async Task<IResult> ReadAsync(string token, HttpContext http, CalendarFeeds feeds, TimeProvider time)
    {
        var feed = await feeds.ReadAsync(token, http.RequestAborted);
        if (feed is null)
        {
            return Results.NotFound();
        }

        // The address is the secret: keep shared caches from holding the feed.
        http.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Bytes(Encoding.UTF8.GetBytes(IcsWriter.Write(feed, time.GetUtcNow())), IcsWriter.ContentType);
    }
}
