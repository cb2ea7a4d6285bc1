using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VettingRegisterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_staff_vetting_counts",
                table: "staff",
                columns: new[] { "VettingLevel", "VettingExpiresOn", "LeftOn", "UnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_staff_vetting_order",
                table: "staff",
                columns: new[] { "VettingExpiresOn", "DisplayName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_staff_vetting_counts",
                table: "staff");

            migrationBuilder.DropIndex(
                name: "IX_staff_vetting_order",
                table: "staff");
        }
    }
}
