using System.ComponentModel.DataAnnotations;

namespace ConvenerBot.Storage;

/// <summary>Where ConvenerBot keeps its data (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>An ADO.NET connection string for the provider; a secret for Postgres.</summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required, e.g. 'Data Source=convenerbot.db' for SQLite.")]
    public string ConnectionString { get; set; } = "Data Source=convenerbot.db";

    /// <summary>Apply pending schema migrations when the bot starts (the <c>migrate</c> verb always does).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);
}
