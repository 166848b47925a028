using System.Diagnostics;

namespace ConvenerBot.EndToEnd.Tests;

/// <summary>Runs the built ConvenerBot executable with piped standard input, as a person or script would.</summary>
internal static class BotProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string input, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the executable with piped standard input and output, for a conversation line by line.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConvenerBot.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }
}
