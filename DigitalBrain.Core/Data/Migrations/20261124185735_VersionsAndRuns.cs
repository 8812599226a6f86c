using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalBrain.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class VersionsAndRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BrainModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ContentHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    SpecJson = table.Column<string>(type: "text", nullable: false),
                    NeuronCount = table.Column<long>(type: "bigint", nullable: false),
                    PopulationCount = table.Column<int>(type: "integer", nullable: false),
                    ProjectionCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Id);
                    table.CheckConstraint("CK_ModelVersions_Number", "\"Number\" >= 1");
                    table.ForeignKey(
                        name: "FK_ModelVersions_BrainModels_BrainModelId",
                        column: x => x.BrainModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SimulationRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BrainModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SimulateMs = table.Column<double>(type: "double precision", nullable: false),
                    PresimMs = table.Column<double>(type: "double precision", nullable: false),
                    Seed = table.Column<decimal>(type: "numeric(20,0)", nullable: false),
                    Scale = table.Column<double>(type: "double precision", nullable: false),
                    Backend = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Queue = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    SimulatedMs = table.Column<double>(type: "double precision", nullable: false),
                    WallSeconds = table.Column<double>(type: "double precision", nullable: false),
                    EtaSeconds = table.Column<double>(type: "double precision", nullable: true),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    JobId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BackendUsed = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Threads = table.Column<int>(type: "integer", nullable: true),
                    Neurons = table.Column<long>(type: "bigint", nullable: true),
                    Synapses = table.Column<long>(type: "bigint", nullable: true),
                    BuildSeconds = table.Column<double>(type: "double precision", nullable: true),
                    SimulateSeconds = table.Column<double>(type: "double precision", nullable: true),
                    RealTimeFactor = table.Column<double>(type: "double precision", nullable: true),
                    PeakMemoryBytes = table.Column<long>(type: "bigint", nullable: true),
                    SpikeCount = table.Column<long>(type: "bigint", nullable: true),
                    SpikesTruncated = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulationRuns", x => x.Id);
                    table.CheckConstraint("CK_SimulationRuns_PresimMs", "\"PresimMs\" >= 0 AND \"PresimMs\" <= 3600000");
                    table.CheckConstraint("CK_SimulationRuns_Progress", "\"Progress\" >= 0 AND \"Progress\" <= 1");
                    table.CheckConstraint("CK_SimulationRuns_Scale", "\"Scale\" > 0 AND \"Scale\" <= 1");
                    table.CheckConstraint("CK_SimulationRuns_SimulateMs", "\"SimulateMs\" > 0 AND \"SimulateMs\" <= 3600000");
                    table.ForeignKey(
                        name: "FK_SimulationRuns_BrainModels_BrainModelId",
                        column: x => x.BrainModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SimulationRuns_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RunPopulationResults",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Population = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    RecordedNeurons = table.Column<int>(type: "integer", nullable: false),
                    RateHz = table.Column<double>(type: "double precision", nullable: false),
                    RateSdHz = table.Column<double>(type: "double precision", nullable: false),
                    CvIsi = table.Column<double>(type: "double precision", nullable: true),
                    Synchrony = table.Column<double>(type: "double precision", nullable: true),
                    BinMs = table.Column<double>(type: "double precision", nullable: false),
                    RateSeries = table.Column<float[]>(type: "real[]", nullable: false),
                    NeuronRates = table.Column<float[]>(type: "real[]", nullable: false),
                    NeuronCvs = table.Column<float[]>(type: "real[]", nullable: false),
                    SpikeSample = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunPopulationResults", x => new { x.RunId, x.Population });
                    table.ForeignKey(
                        name: "FK_RunPopulationResults_SimulationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SimulationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunSpikeChunks",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Population = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    SpikeCount = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunSpikeChunks", x => new { x.RunId, x.Population, x.Index });
                    table.ForeignKey(
                        name: "FK_RunSpikeChunks_SimulationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SimulationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_BrainModelId_ContentHash",
                table: "ModelVersions",
                columns: new[] { "BrainModelId", "ContentHash" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_BrainModelId_Number",
                table: "ModelVersions",
                columns: new[] { "BrainModelId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SimulationRuns_BrainModelId_CreatedAt",
                table: "SimulationRuns",
                columns: new[] { "BrainModelId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SimulationRuns_ModelVersionId",
                table: "SimulationRuns",
                column: "ModelVersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunPopulationResults");

            migrationBuilder.DropTable(
                name: "RunSpikeChunks");

            migrationBuilder.DropTable(
                name: "SimulationRuns");

            migrationBuilder.DropTable(
                name: "ModelVersions");
        }
    }
}
