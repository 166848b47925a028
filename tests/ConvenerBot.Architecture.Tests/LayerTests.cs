using System.Reflection;

namespace ConvenerBot.Architecture.Tests;

/// <summary>
/// The dependency direction of the house plan: Core knows no platform, database or web package;
/// Storage knows Core only; only the executable composes.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Core = typeof(Core.Conversations.IConvener).Assembly;
    private static readonly Assembly Storage = typeof(Storage.StorageOptions).Assembly;

    private static readonly string[] CoreMayUse =
    [
        "System.",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Logging.Abstractions",
        "NodaTime",
    ];

    private static readonly string[] NeverInCoreOrStorage = ["Telegram", "Discord", "NSec", "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting"];

    [Fact]
    public void Core_ReferencesOnlyTheRuntimeAbstractionsAndNodaTime()
    {
        var names = References(Core);

        var strangers = names.Where(n => n != "System" && !CoreMayUse.Any(allowed => n.StartsWith(allowed, StringComparison.Ordinal))).ToList();

        Assert.True(strangers.Count == 0, "ConvenerBot.Core must not reference: " + string.Join(", ", strangers));
    }

    [Fact]
    public void Storage_ReferencesCoreButNoAdapterHostOrPlatform()
    {
        var names = References(Storage);

        Assert.Contains("ConvenerBot.Core", names);
        Assert.DoesNotContain(names, n => n.StartsWith("ConvenerBot", StringComparison.Ordinal) && n != "ConvenerBot.Core");
        Assert.DoesNotContain(names, n => NeverInCoreOrStorage.Any(p => n.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void TelegramAdapter_KnowsCoreButNotStorageOrOtherAdapters()
    {
        var names = References(typeof(Telegram.TelegramOptions).Assembly);

        Assert.Contains("ConvenerBot.Core", names);
        Assert.Contains("Telegram.Bot", names);
        Assert.DoesNotContain(names, n => n.StartsWith("ConvenerBot", StringComparison.Ordinal) && n != "ConvenerBot.Core");
        Assert.DoesNotContain(names, n => n is "Dapper" or "Npgsql" or "Microsoft.Data.Sqlite" || n.StartsWith("Discord", StringComparison.Ordinal));
    }

    [Fact]
    public void DiscordAdapter_KnowsCoreButNotStorageOrOtherAdapters()
    {
        var names = References(typeof(Discord.DiscordOptions).Assembly);

        Assert.DoesNotContain(names, n => n.StartsWith("ConvenerBot", StringComparison.Ordinal) && n != "ConvenerBot.Core");
        Assert.DoesNotContain(names, n => n is "Dapper" or "Npgsql" or "Microsoft.Data.Sqlite" || n.StartsWith("Telegram", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_ExposesStoreImplementationsToNoOne()
    {
        var storeTypes = Storage.GetTypes().Where(t => t.GetInterfaces().Any(i => i.Assembly == Core && i.Name.EndsWith("Repository", StringComparison.Ordinal)));

        Assert.NotEmpty(storeTypes);
        Assert.All(storeTypes, t => Assert.False(t.IsPublic || t.IsNestedPublic, $"{t.FullName} should be internal"));
    }

    private static List<string> References(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];
}
