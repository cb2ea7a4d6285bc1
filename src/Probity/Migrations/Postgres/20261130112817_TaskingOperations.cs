using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TaskingOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tasking_operations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Objective = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SubjectStaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Priority = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NextAction = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    NextActionDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Result = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasking_operations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "integrity_tests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scenario = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PlannedFor = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AuthorisedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AuthorisedAt = table.Column<long>(type: "bigint", nullable: true),
                    ConductedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ConductedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FollowUp = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    FollowUpCaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FollowUpNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrity_tests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_integrity_tests_tasking_operations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "tasking_operations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tasking_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasking_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tasking_links_tasking_operations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "tasking_operations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tasking_progress",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WrittenAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasking_progress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tasking_progress_tasking_operations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "tasking_operations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tasking_tactics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Option = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AuthorisedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AuthorisedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasking_tactics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tasking_tactics_tasking_operations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "tasking_operations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_integrity_tests_OperationId",
                table: "integrity_tests",
                column: "OperationId");

            migrationBuilder.CreateIndex(
                name: "IX_tasking_links_OperationId_Kind_Value",
                table: "tasking_links",
                columns: new[] { "OperationId", "Kind", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tasking_operations_ClosedOn",
                table: "tasking_operations",
                column: "ClosedOn");

            migrationBuilder.CreateIndex(
                name: "IX_tasking_operations_SubjectStaffId",
                table: "tasking_operations",
                column: "SubjectStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_tasking_progress_OperationId",
                table: "tasking_progress",
                column: "OperationId");

            migrationBuilder.CreateIndex(
                name: "IX_tasking_tactics_OperationId",
                table: "tasking_tactics",
                column: "OperationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integrity_tests");

            migrationBuilder.DropTable(
                name: "tasking_links");

            migrationBuilder.DropTable(
                name: "tasking_progress");

            migrationBuilder.DropTable(
                name: "tasking_tactics");

            migrationBuilder.DropTable(
                name: "tasking_operations");
        }
    }
}
