using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ErasureQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "retained_payouts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    client_id = table.Column<int>(type: "INTEGER", nullable: false),
                    programme_id = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<double>(type: "REAL", precision: 10, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    earned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    erased_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retained_payouts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "twilio_deletions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_sid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_twilio_deletions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_twilio_deletions_message_sid",
                table: "twilio_deletions",
                column: "message_sid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_twilio_deletions_next_attempt_at",
                table: "twilio_deletions",
                column: "next_attempt_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "retained_payouts");

            migrationBuilder.DropTable(
                name: "twilio_deletions");
        }
    }
}
