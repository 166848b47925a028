using System.Data;
using Dapper;

namespace ConvenerBot.Storage;

/// <summary>Maps <see cref="DateTimeOffset"/> for Dapper, in the format of the database each value goes to or comes from.</summary>
internal sealed class InstantTypeHandler(IReadOnlyList<InstantFormat> formats) : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var format = formats.FirstOrDefault(f => f.Accepts(parameter))
            ?? throw new DataException($"No instant format for a {parameter.GetType().Name}.");
        format.Write(parameter, value);
    }

    public override DateTimeOffset Parse(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var format in formats)
        {
            if (format.TryRead(value, out var instant))
            {
                return instant;
            }
        }

        throw new DataException($"Cannot read an instant from a {value.GetType().Name}.");
    }
}
