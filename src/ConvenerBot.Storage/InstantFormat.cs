using System.Data;

namespace ConvenerBot.Storage;

/// <summary>
/// How one database stores an instant, always in UTC. Dapper's type handlers are process-wide while one
/// process may use both databases, so <see cref="InstantTypeHandler"/> asks each dialect's format in turn.
/// </summary>
internal abstract class InstantFormat
{
    /// <summary>True for a parameter of this database's provider.</summary>
    public abstract bool Accepts(IDbDataParameter parameter);

    public abstract void Write(IDbDataParameter parameter, DateTimeOffset instant);

    /// <summary>Reads an instant column's value as this database returns it; false for a value of another shape.</summary>
    public abstract bool TryRead(object value, out DateTimeOffset instant);
}
