using System.Diagnostics;

namespace ConvenerBot.Discord.Tests.Support;

/// <summary>
/// A test that reads a feed with a second iCalendar parser, Python's <c>icalendar</c> (Debian's
/// python3-icalendar, which scripts/test.sh installs); skipped, saying why, on a machine without it.
/// </summary>
internal sealed class PythonIcalendarFactAttribute : FactAttribute
{
    public PythonIcalendarFactAttribute()
    {
        if (Python.WithIcalendar is null)
        {
            Skip = "python3 with the icalendar module is not installed (apt-get install python3-icalendar), so the second parser's reading is not checked.";
        }
    }
}

/// <summary>Runs <c>python3 -c</c> with the icalendar module and gives its exit code and output.</summary>
internal static class Python
{
    private static readonly Lazy<string?> Found = new(() =>
        new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(p => Run(p, "import icalendar", []).ExitCode == 0));

    /// <summary>
    /// The first python3 that can import icalendar: the one on the PATH, or else the system's, where Debian's
    /// python3-icalendar installs it (a python3 of its own on the PATH does not see it); null when neither can.
    /// </summary>
    public static string? WithIcalendar => Found.Value;

    public static (int ExitCode, string Output, string Errors) Run(string script, IEnumerable<string> arguments) =>
        Run(WithIcalendar ?? "python3", script, arguments);

    private static (int ExitCode, string Output, string Errors) Run(string python, string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, errors);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }
}
