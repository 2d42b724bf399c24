using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoachingDialogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "reward_entries",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "StepPoints"); // rows from before the kind existed were all points for a step

            migrationBuilder.AddColumn<string>(
                name: "info_url",
                table: "programmes",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "milestone_amount",
                table: "programmes",
                type: "REAL",
                precision: 10,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_reward_entries_client_id_reason",
                table: "reward_entries",
                columns: new[] { "client_id", "reason" },
                unique: true,
                filter: "kind = 'Milestone'");

            migrationBuilder.CreateIndex(
                name: "ix_reward_entries_step_id",
                table: "reward_entries",
                column: "step_id",
                unique: true,
                filter: "kind = 'StepPoints'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_reward_entries_client_id_reason",
                table: "reward_entries");

            migrationBuilder.DropIndex(
                name: "ix_reward_entries_step_id",
                table: "reward_entries");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "reward_entries");

            migrationBuilder.DropColumn(
                name: "info_url",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "milestone_amount",
                table: "programmes");
        }
    }
}
