using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Postgres
{
    /// <summary>
    /// The outbox claim reads pending outbound rows replies first, then by id (OutboxClaim). Without an index in that
    /// order PostgreSQL sorts every pending row for each claim, which a batch of 100,000 reminders makes slow. EF
    /// cannot express an index on an expression, hence SQL; SQLite (one process, small) does without.
    /// </summary>
    public partial class OutboxClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_messages_outbox_claim ON messages ((CASE WHEN origin = 'Proactive' THEN 1 ELSE 0 END), id)
                WHERE direction = 'Outbound' AND status = 'Pending';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_messages_outbox_claim;");
        }
    }
}
