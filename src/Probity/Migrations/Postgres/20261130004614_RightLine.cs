using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RightLine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_right_line_messages_ReportId_Number",
                table: "right_line_messages",
                columns: new[] { "ReportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_right_line_reports_ReceivedOn",
                table: "right_line_reports",
                column: "ReceivedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "right_line_messages");

            migrationBuilder.DropTable(
                name: "right_line_reports");
        }
    }
}
