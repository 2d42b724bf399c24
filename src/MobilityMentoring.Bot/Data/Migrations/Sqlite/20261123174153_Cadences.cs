using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilityMentoring.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cadences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "days_mask",
                table: "programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 127);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "follow_up_after",
                table: "programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: TimeSpan.FromHours(24));

            migrationBuilder.AddColumn<int>(
                name: "follow_ups",
                table: "programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "hard_topics_until",
                table: "programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(12, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "max_per_day",
                table: "programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "max_per_step",
                table: "programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "max_per_week",
                table: "programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "quiet_from",
                table: "programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(20, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "quiet_until",
                table: "programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(9, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "unreachable_after_days",
                table: "programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 14);

            migrationBuilder.AddColumn<int>(
                name: "unreachable_nudge_every_days",
                table: "programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "window_end",
                table: "programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(20, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "window_start",
                table: "programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(9, 0, 0));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "days_mask",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "follow_up_after",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "follow_ups",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "hard_topics_until",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "max_per_day",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "max_per_step",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "max_per_week",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "quiet_from",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "quiet_until",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "unreachable_after_days",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "unreachable_nudge_every_days",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "window_end",
                table: "programmes");

            migrationBuilder.DropColumn(
                name: "window_start",
                table: "programmes");
        }
    }
}
