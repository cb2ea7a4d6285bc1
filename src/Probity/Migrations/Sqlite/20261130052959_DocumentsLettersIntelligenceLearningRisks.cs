using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentsLettersIntelligenceLearningRisks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_documents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    AttachedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AttachedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_documents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "document_contents",
                columns: table => new
                {
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_contents", x => x.Sha256);
                });

            migrationBuilder.CreateTable(
                name: "intelligence_items",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SourceGrade = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IntelligenceGrade = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    HandlingCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    HandlingConditions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FromRightLine = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FromAlert = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Restricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intelligence_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_disseminations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecommendationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisseminatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    How = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_disseminations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_progress_notes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecommendationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_progress_notes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_recommendations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    SourceReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Recommendation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    OwnerUnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MadeOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosureEvidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_recommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "letter_templates",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_letter_templates", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "register_risk_events",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RiskId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Likelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    Impact = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_risk_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_risks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Effect = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Likelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    Impact = table.Column<int>(type: "INTEGER", nullable: false),
                    Controls = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Actions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_risks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "intelligence_disseminations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SanitisedNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DisseminatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DisseminatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Principal = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IX_case_documents_CaseId",
                table: "case_documents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_documents_Sha256",
                table: "case_documents",
                column: "Sha256");

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

            migrationBuilder.CreateIndex(
                name: "IX_learning_disseminations_RecommendationId",
                table: "learning_disseminations",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_progress_notes_RecommendationId",
                table: "learning_progress_notes",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_recommendations_ClosedOn_DueOn",
                table: "learning_recommendations",
                columns: new[] { "ClosedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_recommendations_OwnerUnitId",
                table: "learning_recommendations",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_register_risk_events_RiskId",
                table: "register_risk_events",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_register_risks_Level_UnitId",
                table: "register_risks",
                columns: new[] { "Level", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_documents");

            migrationBuilder.DropTable(
                name: "document_contents");

            migrationBuilder.DropTable(
                name: "intelligence_disseminations");

            migrationBuilder.DropTable(
                name: "intelligence_links");

            migrationBuilder.DropTable(
                name: "intelligence_readers");

            migrationBuilder.DropTable(
                name: "intelligence_sanitised");

            migrationBuilder.DropTable(
                name: "learning_disseminations");

            migrationBuilder.DropTable(
                name: "learning_progress_notes");

            migrationBuilder.DropTable(
                name: "learning_recommendations");

            migrationBuilder.DropTable(
                name: "letter_templates");

            migrationBuilder.DropTable(
                name: "register_risk_events");

            migrationBuilder.DropTable(
                name: "register_risks");

            migrationBuilder.DropTable(
                name: "intelligence_items");
        }
    }
}
