using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DigitalBrain.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CurationEventsAndLiveRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LiveRates",
                table: "SimulationRuns",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CurationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParameterDefinitionId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PopulationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    OldValue = table.Column<double>(type: "double precision", nullable: true),
                    NewValue = table.Column<double>(type: "double precision", nullable: true),
                    OldText = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    NewText = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CurationEvents", x => x.Id);
                    table.CheckConstraint("CK_CurationEvents_Action", "\"Action\" BETWEEN 5 AND 10");
                    table.CheckConstraint("CK_CurationEvents_NewValue", "(\"NewValue\" IS NULL OR (\"NewValue\" > '-Infinity'::float8 AND \"NewValue\" < 'Infinity'::float8))");
                    table.CheckConstraint("CK_CurationEvents_OldValue", "(\"OldValue\" IS NULL OR (\"OldValue\" > '-Infinity'::float8 AND \"OldValue\" < 'Infinity'::float8))");
                    table.CheckConstraint("CK_CurationEvents_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
                    table.ForeignKey(
                        name: "FK_CurationEvents_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CurationEvents_ModelId_At",
                table: "CurationEvents",
                columns: new[] { "ModelId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CurationEvents_ModelId_ParameterDefinitionId",
                table: "CurationEvents",
                columns: new[] { "ModelId", "ParameterDefinitionId" });

            migrationBuilder.CreateIndex(
                name: "IX_CurationEvents_SubjectId",
                table: "CurationEvents",
                column: "SubjectId");

            // History from before this table: what the earlier schema kept (each note as posted, each
            // estimate's latest pin and method choice), so the activity log loses nothing it showed.
            migrationBuilder.Sql("""
                INSERT INTO "CurationEvents" ("ModelId", "ParameterDefinitionId", "RegionId", "PopulationId", "ProjectionId",
                    "Action", "UserId", "At", "SubjectId", "NewText")
                SELECT n."ModelId", n."ParameterDefinitionId", n."RegionId", n."PopulationId", n."ProjectionId",
                    5, n."AuthorId", n."CreatedAt", n."Id", left(n."Markdown", 10000)
                FROM "Notes" n;

                INSERT INTO "CurationEvents" ("ModelId", "ParameterDefinitionId", "RegionId", "PopulationId", "ProjectionId",
                    "Action", "UserId", "At", "SubjectId", "NewValue", "NewText")
                SELECT e."ModelId", e."ParameterDefinitionId", e."RegionId", e."PopulationId", e."ProjectionId",
                    6, e."PinnedById", e."PinnedAt", e."Id", e."PinnedValue", left(e."PinReason", 10000)
                FROM "CollectiveEstimates" e WHERE e."PinnedAt" IS NOT NULL AND e."PinnedById" IS NOT NULL;

                INSERT INTO "CurationEvents" ("ModelId", "ParameterDefinitionId", "RegionId", "PopulationId", "ProjectionId",
                    "Action", "UserId", "At", "SubjectId", "NewText")
                SELECT e."ModelId", e."ParameterDefinitionId", e."RegionId", e."PopulationId", e."ProjectionId",
                    7, e."MethodChosenById", e."MethodChosenAt", e."Id",
                    CASE e."Method" WHEN 1 THEN 'Mean' WHEN 2 THEN 'Median' WHEN 3 THEN 'TrimmedMean' WHEN 4 THEN 'GeometricMean'
                        WHEN 5 THEN 'InverseVarianceWeighted' WHEN 6 THEN 'RangeUnion' ELSE 'RangeIntersection' END
                FROM "CollectiveEstimates" e WHERE e."MethodChosenAt" IS NOT NULL AND e."MethodChosenById" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CurationEvents");

            migrationBuilder.DropColumn(
                name: "LiveRates",
                table: "SimulationRuns");
        }
    }
}
