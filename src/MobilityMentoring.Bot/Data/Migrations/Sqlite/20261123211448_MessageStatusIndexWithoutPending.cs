using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Sqlite
{
    /// <summary>
    /// The (direction, status) index no longer holds Pending rows, so the outbox claim always takes its own partial
    /// index, whatever the statistics say after a burst of reminders.
    /// </summary>
    public partial class MessageStatusIndexWithoutPending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_direction_status",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "ix_messages_direction_status",
                table: "messages",
                columns: new[] { "direction", "status" },
                filter: "status IN ('Received', 'Dispatching', 'Failed', 'Undelivered')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_direction_status",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "ix_messages_direction_status",
                table: "messages",
                columns: new[] { "direction", "status" });
        }
    }
}
