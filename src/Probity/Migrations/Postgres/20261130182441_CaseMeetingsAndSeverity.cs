using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseMeetingsAndSeverity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HearingId",
                table: "appeals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StaffId",
                table: "appeals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "conduct_hearings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ArrangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Attendance = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conduct_hearings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conduct_hearings_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reflective_practice_reviews",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reflection = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReflectionOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reflective_practice_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reflective_practice_reviews_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "severity_assessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Severity = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AssessedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_severity_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_severity_assessments_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conduct_hearing_panel",
                columns: table => new
                {
                    Seat = table.Column<int>(type: "integer", nullable: false),
                    HearingId = table.Column<string>(type: "character varying(64)", nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conduct_hearing_panel", x => new { x.HearingId, x.Seat });
                    table.ForeignKey(
                        name: "FK_conduct_hearing_panel_conduct_hearings_HearingId",
                        column: x => x.HearingId,
                        principalTable: "conduct_hearings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_conduct_hearings_CaseId",
                table: "conduct_hearings",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_reflective_practice_reviews_CaseId",
                table: "reflective_practice_reviews",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_severity_assessments_CaseId_StaffId",
                table: "severity_assessments",
                columns: new[] { "CaseId", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conduct_hearing_panel");

            migrationBuilder.DropTable(
                name: "reflective_practice_reviews");

            migrationBuilder.DropTable(
                name: "severity_assessments");

            migrationBuilder.DropTable(
                name: "conduct_hearings");

            migrationBuilder.DropColumn(
                name: "HearingId",
                table: "appeals");

            migrationBuilder.DropColumn(
                name: "StaffId",
                table: "appeals");
        }
    }
}
