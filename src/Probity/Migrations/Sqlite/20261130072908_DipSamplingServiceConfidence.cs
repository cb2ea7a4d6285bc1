using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DipSamplingServiceConfidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dip_sample_cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SampleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    FindingText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RespondedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RespondedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dip_sample_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dip_samples",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DrawnOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dip_samples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_confidence",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_confidence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_confidence_restrictions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LiftedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_confidence_restrictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_confidence_reviews",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_confidence_reviews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dip_sample_cases_CaseId",
                table: "dip_sample_cases",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_dip_sample_cases_SampleId_Position",
                table: "dip_sample_cases",
                columns: new[] { "SampleId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_dip_samples_DrawnOn",
                table: "dip_samples",
                column: "DrawnOn");

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_ClosedOn_NextReviewOn",
                table: "service_confidence",
                columns: new[] { "ClosedOn", "NextReviewOn" });

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_StaffId",
                table: "service_confidence",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_restrictions_RecordId",
                table: "service_confidence_restrictions",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_reviews_RecordId",
                table: "service_confidence_reviews",
                column: "RecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dip_sample_cases");

            migrationBuilder.DropTable(
                name: "dip_samples");

            migrationBuilder.DropTable(
                name: "service_confidence");

            migrationBuilder.DropTable(
                name: "service_confidence_restrictions");

            migrationBuilder.DropTable(
                name: "service_confidence_reviews");
        }
    }
}
