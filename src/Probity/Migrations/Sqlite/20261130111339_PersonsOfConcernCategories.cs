using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonsOfConcernCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "persons_of_concern",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormerStaffId",
                table: "persons_of_concern",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonId",
                table: "persons_of_concern",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "concern_associations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConcernId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concern_associations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_concern_associations_persons_of_concern_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "persons_of_concern",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "concern_reviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConcernId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concern_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_concern_reviews_persons_of_concern_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "persons_of_concern",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "concern_tactics",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConcernId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Tactic = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concern_tactics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_concern_tactics_persons_of_concern_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "persons_of_concern",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_persons_of_concern_PersonId",
                table: "persons_of_concern",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_concern_associations_ConcernId_StaffId",
                table: "concern_associations",
                columns: new[] { "ConcernId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_concern_associations_StaffId",
                table: "concern_associations",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_concern_reviews_ConcernId",
                table: "concern_reviews",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_concern_tactics_ConcernId",
                table: "concern_tactics",
                column: "ConcernId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "concern_associations");

            migrationBuilder.DropTable(
                name: "concern_reviews");

            migrationBuilder.DropTable(
                name: "concern_tactics");

            migrationBuilder.DropIndex(
                name: "IX_persons_of_concern_PersonId",
                table: "persons_of_concern");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "persons_of_concern");

            migrationBuilder.DropColumn(
                name: "FormerStaffId",
                table: "persons_of_concern");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "persons_of_concern");
        }
    }
}
