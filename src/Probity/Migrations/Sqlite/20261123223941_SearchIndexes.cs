using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_allegations_StaffId",
                table: "allegations");

            migrationBuilder.CreateIndex(
                name: "IX_allegations_Category_CaseId",
                table: "allegations",
                columns: new[] { "Category", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_allegations_StaffId_CaseId",
                table: "allegations",
                columns: new[] { "StaffId", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_allegations_Category_CaseId",
                table: "allegations");

            migrationBuilder.DropIndex(
                name: "IX_allegations_StaffId_CaseId",
                table: "allegations");

            migrationBuilder.CreateIndex(
                name: "IX_allegations_StaffId",
                table: "allegations",
                column: "StaffId");
        }
    }
}
