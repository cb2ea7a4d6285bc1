using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupportProgrammeGoldGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gold_group_actions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OwnerStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    StateNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_actions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_group_decisions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecidedByStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_group_meetings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_group_members",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_groups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Incident = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TriggeredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChairStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosingNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "support_deliveries",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_deliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_actions_GroupId",
                table: "gold_group_actions",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_decisions_GroupId",
                table: "gold_group_decisions",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_meetings_GroupId",
                table: "gold_group_meetings",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_members_GroupId",
                table: "gold_group_members",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_groups_TriggeredOn",
                table: "gold_groups",
                column: "TriggeredOn");

            migrationBuilder.CreateIndex(
                name: "IX_support_deliveries_UnitId_DeliveredOn",
                table: "support_deliveries",
                columns: new[] { "UnitId", "DeliveredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gold_group_actions");

            migrationBuilder.DropTable(
                name: "gold_group_decisions");

            migrationBuilder.DropTable(
                name: "gold_group_meetings");

            migrationBuilder.DropTable(
                name: "gold_group_members");

            migrationBuilder.DropTable(
                name: "gold_groups");

            migrationBuilder.DropTable(
                name: "support_deliveries");
        }
    }
}
