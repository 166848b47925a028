using Dapper;

namespace ConvenerBot.Storage;

/// <summary>Dapper's process-wide settings for ConvenerBot, applied once when storage is registered.</summary>
internal static class DapperSettings
{
    private static int _applied;

    /// <summary>Column names in snake_case map to properties; instants use each database's format. Repeating it does nothing.</summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 0)
        {
            DefaultTypeMap.MatchNamesWithUnderscores = true;
            SqlMapper.AddTypeHandler(new InstantTypeHandler(SqlDialect.InstantFormats));
        }
    }
}
