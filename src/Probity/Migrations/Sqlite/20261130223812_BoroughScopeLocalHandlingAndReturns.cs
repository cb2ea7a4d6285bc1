using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BoroughUnitId",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "borough_returns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BoroughUnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    WrittenWarnings = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalWrittenWarnings = table.Column<int>(type: "INTEGER", nullable: false),
                    ManagementAdvice = table.Column<int>(type: "INTEGER", nullable: false),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SentThrough = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
