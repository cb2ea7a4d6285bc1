using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probity.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SanctionKeyView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
