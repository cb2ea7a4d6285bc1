using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeyedAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_head", x => x.Id);
                });

            // One row: the newest entry of the trail as it stands (the genesis hash for an empty trail).
            migrationBuilder.Sql("""
                INSERT INTO audit_head ("Id", "Sequence", "Hash")
                SELECT 1, COALESCE((SELECT MAX("Sequence") FROM audit_trail), 0),
                       COALESCE((SELECT "Hash" FROM audit_trail ORDER BY "Sequence" DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_head");
        }
    }
}
