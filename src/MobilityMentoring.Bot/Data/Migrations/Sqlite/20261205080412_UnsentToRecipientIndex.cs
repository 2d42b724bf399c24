using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnsentToRecipientIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_messages_unsent_to",
                table: "messages",
                columns: new[] { "to", "id" },
                filter: "direction = 'Outbound' AND status IN ('Pending', 'Dispatching')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_unsent_to",
                table: "messages");
        }
    }
}
