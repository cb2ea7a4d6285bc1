using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LitigationLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_litigation",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AmountClaimedPence = table.Column<long>(type: "bigint", nullable: true),
                    Representation = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    Representative = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HeadsOfClaim = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    GrievanceStage = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    Liability = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    LiabilityDecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LiabilityDecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SettlementPence = table.Column<long>(type: "bigint", nullable: true),
                    DamagesPence = table.Column<long>(type: "bigint", nullable: true),
                    OwnCostsPence = table.Column<long>(type: "bigint", nullable: true),
                    ClaimantCostsPence = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_litigation", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_case_litigation_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "litigation_hearings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HearingOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    ListedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ListedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_litigation_hearings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_litigation_hearings_case_litigation_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_litigation",
                        principalColumn: "CaseId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_litigation_OutcomeOn",
                table: "case_litigation",
                column: "OutcomeOn");

            migrationBuilder.CreateIndex(
                name: "IX_litigation_hearings_CaseId",
                table: "litigation_hearings",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "litigation_hearings");

            migrationBuilder.DropTable(
                name: "case_litigation");
        }
    }
}
