using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonsOfConcernTaskingBoardPack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "persons_of_concern",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormerStaffId",
                table: "persons_of_concern",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonId",
                table: "persons_of_concern",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "concern_associations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConcernId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Basis = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConcernId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConcernId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Tactic = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "directorate_resource_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    BudgetPounds = table.Column<long>(type: "bigint", nullable: false),
                    PoliceOfficers = table.Column<int>(type: "integer", nullable: false),
                    PoliceStaff = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directorate_resource_years", x => x.Year);
                });

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
                name: "concern_associations");

            migrationBuilder.DropTable(
                name: "concern_reviews");

            migrationBuilder.DropTable(
                name: "concern_tactics");

            migrationBuilder.DropTable(
                name: "directorate_resource_years");

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
