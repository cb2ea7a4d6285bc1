using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BoroughScopeLocalHandlingAndReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LocallyHandledFromUnitId",
                table: "cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BoroughUnitId",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "borough_returns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BoroughUnitId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    WrittenWarnings = table.Column<int>(type: "integer", nullable: false),
                    FinalWrittenWarnings = table.Column<int>(type: "integer", nullable: false),
                    ManagementAdvice = table.Column<int>(type: "integer", nullable: false),
                    SentBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentThrough = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_borough_returns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_borough_returns_BoroughUnitId_Year_Month",
                table: "borough_returns",
                columns: new[] { "BoroughUnitId", "Year", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "borough_returns");

            migrationBuilder.DropColumn(
                name: "LocallyHandledFromUnitId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "BoroughUnitId",
                table: "AspNetUsers");
        }
    }
}
