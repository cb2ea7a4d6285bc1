using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseReportSignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RecordedInErrorOn",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_reports",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Submissions = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_reports", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_case_reports_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_reports");

            migrationBuilder.DropColumn(
                name: "RecordedInErrorOn",
                table: "cases");
        }
    }
}
