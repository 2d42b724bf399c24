using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SimulatorTestClients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "test_owner_id",
                table: "clients",
                type: "text",
                nullable: true);

            // The old simulator could make a real client with a join keyword; no phone can reach such a case any more.
            migrationBuilder.Sql("""
                UPDATE clients SET closed_at = now(), close_reason = 'Closed when the simulator got test clients of its own.'
                WHERE closed_at IS NULL AND channel = 'Simulator'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "test_owner_id",
                table: "clients");
        }
    }
}
