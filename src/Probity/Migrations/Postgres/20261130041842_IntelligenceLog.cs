using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntelligenceLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intelligence_items",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SourceType = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Scheme = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SourceGrade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    IntelligenceGrade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    HandlingCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    HandlingConditions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "bigint", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<long>(type: "bigint", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FromRightLine = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FromAlert = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Restricted = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intelligence_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "intelligence_disseminations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SanitisedNumber = table.Column<int>(type: "integer", nullable: true),
                    Recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Conditions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DisseminatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DisseminatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intelligence_disseminations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_intelligence_disseminations_intelligence_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "intelligence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "intelligence_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intelligence_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_intelligence_links_intelligence_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "intelligence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "intelligence_readers",
                columns: table => new
                {
                    ItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Principal = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intelligence_readers", x => new { x.ItemId, x.Principal });
                    table.ForeignKey(
                        name: "FK_intelligence_readers_intelligence_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "intelligence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "intelligence_sanitised",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WrittenAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intelligence_sanitised", x => x.Id);
                    table.ForeignKey(
                        name: "FK_intelligence_sanitised_intelligence_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "intelligence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_disseminations_ItemId",
                table: "intelligence_disseminations",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_items_FromAlert",
                table: "intelligence_items",
                column: "FromAlert");

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_items_FromRightLine",
                table: "intelligence_items",
                column: "FromRightLine");

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_items_ReviewedAt",
                table: "intelligence_items",
                column: "ReviewedAt");

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_links_ItemId_Kind_Value",
                table: "intelligence_links",
                columns: new[] { "ItemId", "Kind", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_links_Kind_Value",
                table: "intelligence_links",
                columns: new[] { "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_sanitised_ItemId_Number",
                table: "intelligence_sanitised",
                columns: new[] { "ItemId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intelligence_disseminations");

            migrationBuilder.DropTable(
                name: "intelligence_links");

            migrationBuilder.DropTable(
                name: "intelligence_readers");

            migrationBuilder.DropTable(
                name: "intelligence_sanitised");

            migrationBuilder.DropTable(
                name: "intelligence_items");
        }
    }
}
