using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RelatedCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RelatedCaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LinkedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_links", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_links_CaseId_RelatedCaseId",
                table: "case_links",
                columns: new[] { "CaseId", "RelatedCaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_links_RelatedCaseId",
                table: "case_links",
                column: "RelatedCaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_links");
        }
    }
}
