using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalBrain.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotesAndActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ParameterDefinitionId",
                table: "EntryAudits",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PopulationId",
                table: "EntryAudits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ProjectionId",
                table: "EntryAudits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RegionId",
                table: "EntryAudits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MethodChosenAt",
                table: "CollectiveEstimates",
                type: "timestamp with time zone",
                nullable: true);

            // Audit rows written before these columns existed carry the same facts in their snapshots.
            migrationBuilder.Sql("""
                UPDATE "EntryAudits" a SET
                    "ParameterDefinitionId" = p."Id",
                    "RegionId" = (COALESCE(a."AfterJson", a."BeforeJson") -> 'target' ->> 'regionId')::uuid,
                    "PopulationId" = (COALESCE(a."AfterJson", a."BeforeJson") -> 'target' ->> 'populationId')::uuid,
                    "ProjectionId" = (COALESCE(a."AfterJson", a."BeforeJson") -> 'target' ->> 'projectionId')::uuid
                FROM "ParameterDefinitions" p
                WHERE p."Key" = COALESCE(a."AfterJson", a."BeforeJson") ->> 'parameterKey';
                """);

            migrationBuilder.CreateTable(
                name: "Notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PopulationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParameterDefinitionId = table.Column<int>(type: "integer", nullable: false),
                    Markdown = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    AuthorId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notes", x => x.Id);
                    table.CheckConstraint("CK_Notes_NotBlank", "length(btrim(\"Markdown\")) > 0");
                    table.CheckConstraint("CK_Notes_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
                    table.ForeignKey(
                        name: "FK_Notes_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Notes_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notes_ParameterDefinitions_ParameterDefinitionId",
                        column: x => x.ParameterDefinitionId,
                        principalTable: "ParameterDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Notes_Populations_PopulationId",
                        column: x => x.PopulationId,
                        principalTable: "Populations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notes_Projections_ProjectionId",
                        column: x => x.ProjectionId,
                        principalTable: "Projections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notes_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntryAudits_ModelId_ParameterDefinitionId",
                table: "EntryAudits",
                columns: new[] { "ModelId", "ParameterDefinitionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Notes_AuthorId",
                table: "Notes",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_ModelId_CreatedAt",
                table: "Notes",
                columns: new[] { "ModelId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notes_ParameterDefinitionId",
                table: "Notes",
                column: "ParameterDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_PopulationId",
                table: "Notes",
                column: "PopulationId");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_ProjectionId",
                table: "Notes",
                column: "ProjectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_RegionId_PopulationId_ProjectionId_ParameterDefinitio~",
                table: "Notes",
                columns: new[] { "RegionId", "PopulationId", "ProjectionId", "ParameterDefinitionId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notes");

            migrationBuilder.DropIndex(
                name: "IX_EntryAudits_ModelId_ParameterDefinitionId",
                table: "EntryAudits");

            migrationBuilder.DropColumn(
                name: "ParameterDefinitionId",
                table: "EntryAudits");

            migrationBuilder.DropColumn(
                name: "PopulationId",
                table: "EntryAudits");

            migrationBuilder.DropColumn(
                name: "ProjectionId",
                table: "EntryAudits");

            migrationBuilder.DropColumn(
                name: "RegionId",
                table: "EntryAudits");

            migrationBuilder.DropColumn(
                name: "MethodChosenAt",
                table: "CollectiveEstimates");
        }
    }
}
