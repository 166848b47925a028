using System.Data.Common;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

/// <summary>The open connection and transaction a command's repositories share.</summary>
internal sealed record DbContext(DbConnection Connection, DbTransaction Transaction, SqlDialect Dialect)
{
    public CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, Transaction, cancellationToken: cancellationToken);
}
