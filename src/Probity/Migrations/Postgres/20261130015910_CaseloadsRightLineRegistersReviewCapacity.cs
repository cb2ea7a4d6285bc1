using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseloadsRightLineRegistersReviewCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InvestigatingOfficer",
                table: "cases",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Supervisor",
                table: "cases",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conditions",
                table: "business_interests",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ContinuedAfterRefusalOn",
                table: "business_interests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "business_interests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionReasons",
                table: "business_interests",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EnteredOnBehalf",
                table: "business_interests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpiresOn",
                table: "business_interests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastReviewedBy",
                table: "business_interests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastReviewedOn",
                table: "business_interests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordedBy",
                table: "business_interests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "business_interests",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "monitoring_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ReviewCapacityPerDay = table.Column<int>(type: "integer", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ChangedAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "police_family_members",
                columns: table => new
                {
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FamilyGroup = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_police_family_members", x => x.StaffId);
                });

            migrationBuilder.CreateTable(
                name: "right_line_reports",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PassphraseHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Account = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    AwaitingBureau = table.Column<bool>(type: "boolean", nullable: false),
                    Assessment = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AssessedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AssessmentNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_right_line_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vetting_clearances",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Level = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vetting_clearances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vetting_posts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequiredLevel = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    HolderStaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vetting_posts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "right_line_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    FromReporter = table.Column<bool>(type: "boolean", nullable: false),
                    Author = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    WrittenOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_right_line_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_right_line_messages_right_line_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "right_line_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_InvestigatingOfficer_FinalisedOn",
                table: "cases",
                columns: new[] { "InvestigatingOfficer", "FinalisedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Supervisor_FinalisedOn",
                table: "cases",
                columns: new[] { "Supervisor", "FinalisedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_right_line_messages_ReportId_Number",
                table: "right_line_messages",
                columns: new[] { "ReportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_right_line_reports_ReceivedOn",
                table: "right_line_reports",
                column: "ReceivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_vetting_clearances_StaffId",
                table: "vetting_clearances",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_vetting_posts_HolderStaffId",
                table: "vetting_posts",
                column: "HolderStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_vetting_posts_UnitId",
                table: "vetting_posts",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monitoring_settings");

            migrationBuilder.DropTable(
                name: "police_family_members");

            migrationBuilder.DropTable(
                name: "right_line_messages");

            migrationBuilder.DropTable(
                name: "vetting_clearances");

            migrationBuilder.DropTable(
                name: "vetting_posts");

            migrationBuilder.DropTable(
                name: "right_line_reports");

            migrationBuilder.DropIndex(
                name: "IX_cases_InvestigatingOfficer_FinalisedOn",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_Supervisor_FinalisedOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "InvestigatingOfficer",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Supervisor",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Conditions",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "ContinuedAfterRefusalOn",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "DecisionReasons",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "EnteredOnBehalf",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "ExpiresOn",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "LastReviewedBy",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "LastReviewedOn",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "RecordedBy",
                table: "business_interests");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "business_interests");
        }
    }
}
