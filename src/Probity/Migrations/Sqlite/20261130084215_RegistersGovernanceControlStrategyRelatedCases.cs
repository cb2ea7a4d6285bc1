using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistersGovernanceControlStrategyRelatedCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RelatedCaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LinkedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "control_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_control_activities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dip_sample_cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SampleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    FindingText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RespondedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RespondedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dip_sample_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dip_samples",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DrawnOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dip_samples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_group_actions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OwnerStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    StateNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_actions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_group_decisions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecidedByStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_group_meetings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_group_members",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_group_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gold_groups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Incident = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TriggeredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChairStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosingNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gold_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_confidence",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_confidence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_confidence_restrictions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LiftedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_confidence_restrictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_confidence_reviews",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_confidence_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "strategic_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NextDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_strategic_assessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "support_deliveries",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "control_progress_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_control_progress_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_control_progress_notes_control_activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "control_activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_staff_vetting_counts",
                table: "staff",
                columns: new[] { "VettingLevel", "VettingExpiresOn", "LeftOn", "UnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_staff_vetting_order",
                table: "staff",
                columns: new[] { "VettingExpiresOn", "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_case_links_CaseId_RelatedCaseId",
                table: "case_links",
                columns: new[] { "CaseId", "RelatedCaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_links_RelatedCaseId",
                table: "case_links",
                column: "RelatedCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_control_activities_Priority",
                table: "control_activities",
                column: "Priority");

            migrationBuilder.CreateIndex(
                name: "IX_control_progress_notes_ActivityId",
                table: "control_progress_notes",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_dip_sample_cases_CaseId",
                table: "dip_sample_cases",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_dip_sample_cases_SampleId_Position",
                table: "dip_sample_cases",
                columns: new[] { "SampleId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_dip_samples_DrawnOn",
                table: "dip_samples",
                column: "DrawnOn");

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_actions_GroupId",
                table: "gold_group_actions",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_decisions_GroupId",
                table: "gold_group_decisions",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_meetings_GroupId",
                table: "gold_group_meetings",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_group_members_GroupId",
                table: "gold_group_members",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_gold_groups_TriggeredOn",
                table: "gold_groups",
                column: "TriggeredOn");

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_ClosedOn_NextReviewOn",
                table: "service_confidence",
                columns: new[] { "ClosedOn", "NextReviewOn" });

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_StaffId",
                table: "service_confidence",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_restrictions_RecordId",
                table: "service_confidence_restrictions",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_service_confidence_reviews_RecordId",
                table: "service_confidence_reviews",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_strategic_assessments_AssessedOn",
                table: "strategic_assessments",
                column: "AssessedOn");

            migrationBuilder.CreateIndex(
                name: "IX_support_deliveries_UnitId_DeliveredOn",
                table: "support_deliveries",
                columns: new[] { "UnitId", "DeliveredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_links");

            migrationBuilder.DropTable(
                name: "control_progress_notes");

            migrationBuilder.DropTable(
                name: "dip_sample_cases");

            migrationBuilder.DropTable(
                name: "dip_samples");

            migrationBuilder.DropTable(
                name: "gold_group_actions");

            migrationBuilder.DropTable(
                name: "gold_group_decisions");

            migrationBuilder.DropTable(
                name: "gold_group_meetings");

            migrationBuilder.DropTable(
                name: "gold_group_members");

            migrationBuilder.DropTable(
                name: "gold_groups");

            migrationBuilder.DropTable(
                name: "service_confidence");

            migrationBuilder.DropTable(
                name: "service_confidence_restrictions");

            migrationBuilder.DropTable(
                name: "service_confidence_reviews");

            migrationBuilder.DropTable(
                name: "strategic_assessments");

            migrationBuilder.DropTable(
                name: "support_deliveries");

            migrationBuilder.DropTable(
                name: "control_activities");

            migrationBuilder.DropIndex(
                name: "IX_staff_vetting_counts",
                table: "staff");

            migrationBuilder.DropIndex(
                name: "IX_staff_vetting_order",
                table: "staff");
        }
    }
}
