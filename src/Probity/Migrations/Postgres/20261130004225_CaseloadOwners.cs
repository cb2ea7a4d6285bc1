using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseloadOwners : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_cases_InvestigatingOfficer_FinalisedOn",
                table: "cases",
                columns: new[] { "InvestigatingOfficer", "FinalisedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Supervisor_FinalisedOn",
                table: "cases",
                columns: new[] { "Supervisor", "FinalisedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
