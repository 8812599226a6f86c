using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalBrain.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveRateTraces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LiveRates",
                table: "SimulationRuns",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LiveRates",
                table: "SimulationRuns");
        }
    }
}
