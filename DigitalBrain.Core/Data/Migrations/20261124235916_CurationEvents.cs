using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DigitalBrain.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CurationEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CurationEvents");
        }
    }
}
