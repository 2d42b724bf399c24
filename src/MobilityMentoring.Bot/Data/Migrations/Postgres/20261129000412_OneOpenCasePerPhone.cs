using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OneOpenCasePerPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clients_phone",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_clients_programme_id_phone",
                table: "clients");

            migrationBuilder.AddColumn<string>(
                name: "close_reason",
                table: "clients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // Before the rule, one number could be open in two programmes: the newest case stays open.
            migrationBuilder.Sql("""
                UPDATE clients SET closed_at = now(), close_reason = 'Closed when one open case per number began; a newer case is open.'
                WHERE closed_at IS NULL AND EXISTS (SELECT 1 FROM clients newer WHERE newer.phone = clients.phone AND newer.closed_at IS NULL AND newer.id > clients.id)
                """);

            migrationBuilder.CreateIndex(
                name: "ix_clients_phone_open",
                table: "clients",
                column: "phone",
                unique: true,
                filter: "closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_clients_programme_id",
                table: "clients",
                column: "programme_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clients_phone_open",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_clients_programme_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "close_reason",
                table: "clients");

            migrationBuilder.CreateIndex(
                name: "ix_clients_phone",
                table: "clients",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_clients_programme_id_phone",
                table: "clients",
                columns: new[] { "programme_id", "phone" },
                unique: true);
        }
    }
}
