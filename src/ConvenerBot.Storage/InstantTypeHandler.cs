using System.Data;
using System.Globalization;
using Dapper;
using Npgsql;

namespace ConvenerBot.Storage;

/// <summary>
/// Instants are UTC everywhere: <c>timestamptz</c> in Postgres, fixed-width ISO-8601 text in SQLite (so
/// text order is time order). Registered once, for both.
/// </summary>
internal sealed class InstantTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    private const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        if (parameter is NpgsqlParameter)
        {
            parameter.Value = value.ToUniversalTime();
        }
        else
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new DataException($"Cannot read an instant from a {value.GetType().Name}."),
    };

    private static int _configured;

    /// <summary>Applies ConvenerBot's Dapper settings once per process.</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 0)
        {
            DefaultTypeMap.MatchNamesWithUnderscores = true;
            SqlMapper.AddTypeHandler(new InstantTypeHandler());
        }
    }
}
