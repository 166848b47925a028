using System.ComponentModel.DataAnnotations;

namespace ConvenerBot.Core;

/// <summary>Settings of the engine (configuration section <c>Convener</c>).</summary>
public sealed class ConvenerOptions
{
    public const string SectionName = "Convener";

    /// <summary>The IANA time zone a new group starts with, until an organizer sets its own with /timezone.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>Directory of protocol files; relative paths are taken from the application's directory.</summary>
    [Required]
    public string ProtocolsPath { get; set; } = "seeds/protocols";

    /// <summary>The protocol a session follows when none is named.</summary>
    [Required]
    public string DefaultProtocol { get; set; } = "peer-to-peer";

    /// <summary>
    /// The public address the executable's web host is reached at (e.g. <c>https://bot.example.org</c>). When
    /// set, the host serves each group's calendar feed at <c>/calendar/{token}.ics</c> and /calendar shows it;
    /// when empty, no feed is served.
    /// </summary>
    public string? CalendarBaseUrl { get; set; }
}
