using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsentEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "info_version",
                table: "programmes",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "1");

            migrationBuilder.AddColumn<string>(
                name: "consent_asked_version",
                table: "clients",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "consent_version",
                table: "clients",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Who agreed before versions existed agreed to the first one.
            migrationBuilder.Sql("UPDATE clients SET consent_version = '1' WHERE consent_at IS NOT NULL");

            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    client_id = table.Column<int>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    answer = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    question = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    info_version = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    info_url = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    message_id = table.Column<long>(type: "INTEGER", nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_records_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_consent_records_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_client_id",
                table: "consent_records",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_message_id",
                table: "consent_records",
                column: "message_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropColumn(
                name: "info_version",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "consent_asked_version",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "consent_version",
                table: "clients");
        }
    }
}
