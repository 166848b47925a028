using System.Data.Common;
using Dapper;

namespace ConvenerBot.Storage.Tests.Support;

/// <summary>
/// What the migrations built, described the same way for both databases so that the two can be compared:
/// tables, columns (name, a coarse type family, nullability), primary keys, indexes and foreign keys.
/// Types are compared by the SQLite storage class each Postgres type is kept in (bigint, integer and
/// boolean as integer; text and timestamptz as text). Constraint-backed unique indexes are compared by
/// their columns, because SQLite names them itself. DbUp's journal table differs by design and is left out.
/// </summary>
public sealed record SchemaSnapshot(
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> PrimaryKeys,
    IReadOnlyList<string> Indexes,
    IReadOnlyList<string> ForeignKeys)
{
    private const string Journal = "schema_versions";

    public static async Task<SchemaSnapshot> ReadSqliteAsync(DbConnection connection)
    {
        var tables = (await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> @Journal", new { Journal })).ToList();
        var columns = new List<string>();
        var primaryKeys = new List<string>();
        var indexes = new List<string>();
        var foreignKeys = new List<string>();
        foreach (var table in tables)
        {
            var info = (await connection.QueryAsync("SELECT name, type, \"notnull\" AS not_null, pk FROM pragma_table_info(@Table)", new { Table = table }))
                .Cast<IDictionary<string, object?>>()
                .Select(r => (Name: (string)r["name"]!, Type: ((string)r["type"]!).ToUpperInvariant(), NotNull: (long)r["not_null"]! != 0, Pk: (long)r["pk"]!))
                .ToList();
            var key = info.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            foreach (var column in info)
            {
                // A lone INTEGER PRIMARY KEY is the rowid: never null, though SQLite does not report it so.
                var rowid = key.Count == 1 && column.Pk == 1 && column.Type == "INTEGER";
                columns.Add(Column(table, column.Name, column.Type.ToLowerInvariant(), column.NotNull || rowid));
            }

            if (key.Count > 0)
            {
                primaryKeys.Add($"{table} ({string.Join(", ", key)})");
            }

            foreach (var index in (await connection.QueryAsync("SELECT name, \"unique\" AS is_unique, origin, partial FROM pragma_index_list(@Table)", new { Table = table }))
                .Cast<IDictionary<string, object?>>())
            {
                var origin = (string)index["origin"]!;
                if (origin == "pk")
                {
                    continue;
                }

                var name = (string)index["name"]!;
                var indexColumns = string.Join(", ", await connection.QueryAsync<string>("SELECT name FROM pragma_index_info(@Name) ORDER BY seqno", new { Name = name }));
                indexes.Add(Index(origin == "u" ? null : name, table, indexColumns, (long)index["is_unique"]! != 0, (long)index["partial"]! != 0));
            }

            foreach (var foreignKey in (await connection.QueryAsync("SELECT id, seq, \"table\" AS target, \"from\" AS source, \"to\" AS target_column FROM pragma_foreign_key_list(@Table)", new { Table = table }))
                .Cast<IDictionary<string, object?>>()
                .GroupBy(r => (long)r["id"]!))
            {
                var parts = foreignKey.OrderBy(r => (long)r["seq"]!).ToList();
                var target = (string)parts[0]["target"]!;
                var targetColumns = parts.Select(r => r["target_column"] as string).ToList();
                if (targetColumns.Any(c => c is null))
                {
                    // REFERENCES t without columns means t's primary key.
                    targetColumns = [.. await connection.QueryAsync<string>("SELECT name FROM pragma_table_info(@Table) WHERE pk > 0 ORDER BY pk", new { Table = target })];
                }

                foreignKeys.Add(ForeignKey(table, parts.Select(r => (string)r["source"]!), target, targetColumns!));
            }
        }

        return Sorted(tables, columns, primaryKeys, indexes, foreignKeys);
    }

    public static async Task<SchemaSnapshot> ReadPostgresAsync(DbConnection connection, string schema)
    {
        var tables = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @Schema AND table_type = 'BASE TABLE' AND table_name <> @Journal",
            new { Schema = schema, Journal })).ToList();
        var columns = (await connection.QueryAsync(
                "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = @Schema AND table_name <> @Journal",
                new { Schema = schema, Journal }))
            .Cast<IDictionary<string, object?>>()
            .Select(r => Column((string)r["table_name"]!, (string)r["column_name"]!, Family((string)r["data_type"]!), (string)r["is_nullable"]! == "NO"))
            .ToList();
        var indexes = (await connection.QueryAsync(
                """
                SELECT i.relname AS name, t.relname AS table_name, x.indisunique AS is_unique, x.indpred IS NOT NULL AS is_partial,
                       c.contype::text AS constraint_type,
                       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                        FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = t.oid AND c.contype IN ('p', 'u')
                WHERE n.nspname = @Schema AND t.relname <> @Journal
                """, new { Schema = schema, Journal }))
            .Cast<IDictionary<string, object?>>()
            .Where(r => r["constraint_type"] as string != "p")
            .Select(r => Index(
                r["constraint_type"] as string == "u" ? null : (string)r["name"]!,
                (string)r["table_name"]!, (string)r["columns"]!, (bool)r["is_unique"]!, (bool)r["is_partial"]!))
            .ToList();
        var constraints = (await connection.QueryAsync(
                """
                SELECT t.relname AS table_name, c.contype::text AS kind, r.relname AS target,
                       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                        FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
                       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                        FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS target_columns
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_class r ON r.oid = c.confrelid
                WHERE n.nspname = @Schema AND c.contype IN ('p', 'f') AND t.relname <> @Journal
                """, new { Schema = schema, Journal }))
            .Cast<IDictionary<string, object?>>()
            .ToList();
        var primaryKeys = constraints.Where(r => (string)r["kind"]! == "p").Select(r => $"{r["table_name"]} ({r["columns"]})").ToList();
        var foreignKeys = constraints.Where(r => (string)r["kind"]! == "f")
            .Select(r => ForeignKey((string)r["table_name"]!, [(string)r["columns"]!], (string)r["target"]!, [(string)r["target_columns"]!]))
            .ToList();
        return Sorted(tables, columns, primaryKeys, indexes, foreignKeys);
    }

    /// <summary>The SQLite storage class ConvenerBot keeps a Postgres type in.</summary>
    private static string Family(string postgresType) => postgresType switch
    {
        "bigint" or "integer" or "smallint" or "boolean" => "integer",
        "text" or "timestamp with time zone" => "text",
        _ => postgresType,
    };

    private static string Column(string table, string name, string family, bool notNull) =>
        $"{table}.{name} {family} {(notNull ? "not null" : "null")}";

    private static string Index(string? name, string table, string columns, bool unique, bool partial) =>
        (name is null ? "unique constraint" : $"{(unique ? "unique index" : "index")} {name}") + $" on {table} ({columns})" + (partial ? " where …" : "");

    private static string ForeignKey(string table, IEnumerable<string> columns, string target, IEnumerable<string> targetColumns) =>
        $"{table} ({string.Join(", ", columns)}) references {target} ({string.Join(", ", targetColumns)})";

    private static SchemaSnapshot Sorted(List<string> tables, List<string> columns, List<string> primaryKeys, List<string> indexes, List<string> foreignKeys) =>
        new([.. tables.Order(StringComparer.Ordinal)], [.. columns.Order(StringComparer.Ordinal)], [.. primaryKeys.Order(StringComparer.Ordinal)],
            [.. indexes.Order(StringComparer.Ordinal)], [.. foreignKeys.Order(StringComparer.Ordinal)]);
}
