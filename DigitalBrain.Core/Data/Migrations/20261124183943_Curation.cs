using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DigitalBrain.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Curation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BrainModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    SeedKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrainModels", x => x.Id);
                    table.CheckConstraint("CK_BrainModels_Name", "length(btrim(\"Name\")) > 0");
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ParameterDefinitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MinValue = table.Column<double>(type: "double precision", nullable: false),
                    MaxValue = table.Column<double>(type: "double precision", nullable: false),
                    ValueKind = table.Column<int>(type: "integer", nullable: false),
                    AppliesTo = table.Column<int>(type: "integer", nullable: false),
                    DefaultMethod = table.Column<int>(type: "integer", nullable: false),
                    BoundedByResolution = table.Column<bool>(type: "boolean", nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParameterDefinitions", x => x.Id);
                    table.CheckConstraint("CK_ParameterDefinitions_AppliesTo", "\"AppliesTo\" BETWEEN 1 AND 7");
                    table.CheckConstraint("CK_ParameterDefinitions_DefaultMethod", "\"DefaultMethod\" BETWEEN 1 AND 7");
                    table.CheckConstraint("CK_ParameterDefinitions_Key", "\"Key\" ~ '^[a-z][a-z0-9_]*$'");
                    table.CheckConstraint("CK_ParameterDefinitions_Range", "\"MinValue\" > '-Infinity'::float8 AND \"MaxValue\" < 'Infinity'::float8 AND \"MinValue\" <= \"MaxValue\"");
                    table.CheckConstraint("CK_ParameterDefinitions_Unit", "length(btrim(\"Unit\")) > 0");
                    table.CheckConstraint("CK_ParameterDefinitions_ValueKind", "\"ValueKind\" IN (1, 2, 3)");
                });

            migrationBuilder.CreateTable(
                name: "References",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Doi = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Pmid = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Citation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CitationKey = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_References", x => x.Id);
                    table.CheckConstraint("CK_References_Doi", "\"Doi\" IS NULL OR (\"Doi\" ~ '^10\\.[0-9]{4,9}/\\S+$' AND \"Doi\" = lower(\"Doi\"))");
                    table.CheckConstraint("CK_References_Identified", "\"Doi\" IS NOT NULL OR \"Pmid\" IS NOT NULL OR length(btrim(\"Citation\")) > 0");
                    table.CheckConstraint("CK_References_Pmid", "\"Pmid\" IS NULL OR \"Pmid\" ~ '^[1-9][0-9]{0,8}$'");
                });

            migrationBuilder.CreateTable(
                name: "EntryAudits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BeforeJson = table.Column<string>(type: "jsonb", nullable: true),
                    AfterJson = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryAudits", x => x.Id);
                    table.CheckConstraint("CK_EntryAudits_Action", "\"Action\" BETWEEN 1 AND 4");
                    table.CheckConstraint("CK_EntryAudits_Snapshots", "\"BeforeJson\" IS NOT NULL OR \"AfterJson\" IS NOT NULL");
                    table.ForeignKey(
                        name: "FK_EntryAudits_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModelMembers",
                columns: table => new
                {
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelMembers", x => new { x.ModelId, x.UserId });
                    table.CheckConstraint("CK_ModelMembers_Role", "\"Role\" IN (1, 2, 3)");
                    table.ForeignKey(
                        name: "FK_ModelMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModelMembers_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DeclaredLayerCount = table.Column<int>(type: "integer", nullable: true),
                    DeclaredCellTypeCount = table.Column<int>(type: "integer", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.Id);
                    table.CheckConstraint("CK_Regions_DeclaredCounts", "(\"DeclaredLayerCount\" IS NULL OR \"DeclaredLayerCount\" >= 0) AND (\"DeclaredCellTypeCount\" IS NULL OR \"DeclaredCellTypeCount\" >= 0)");
                    table.CheckConstraint("CK_Regions_Name", "length(btrim(\"Name\")) > 0");
                    table.ForeignKey(
                        name: "FK_Regions_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Layers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Layers", x => x.Id);
                    table.CheckConstraint("CK_Layers_Name", "length(btrim(\"Name\")) > 0");
                    table.ForeignKey(
                        name: "FK_Layers_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Populations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LayerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CellType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NeuronModel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Populations", x => x.Id);
                    table.CheckConstraint("CK_Populations_Name", "length(btrim(\"Name\")) > 0");
                    table.ForeignKey(
                        name: "FK_Populations_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Populations_Layers_LayerId",
                        column: x => x.LayerId,
                        principalTable: "Layers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Populations_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Projections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourcePopulationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetPopulationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SynapseType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Receptor = table.Column<int>(type: "integer", nullable: false),
                    ConnectionRule = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projections", x => x.Id);
                    table.CheckConstraint("CK_Projections_Receptor", "\"Receptor\" IN (1, 2)");
                    table.ForeignKey(
                        name: "FK_Projections_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Projections_Populations_SourcePopulationId",
                        column: x => x.SourcePopulationId,
                        principalTable: "Populations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Projections_Populations_TargetPopulationId",
                        column: x => x.TargetPopulationId,
                        principalTable: "Populations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CollectiveEstimates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PopulationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParameterDefinitionId = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    RangeMin = table.Column<double>(type: "double precision", nullable: true),
                    RangeMax = table.Column<double>(type: "double precision", nullable: true),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    ReferenceCount = table.Column<int>(type: "integer", nullable: false),
                    Sd = table.Column<double>(type: "double precision", nullable: true),
                    Min = table.Column<double>(type: "double precision", nullable: true),
                    Max = table.Column<double>(type: "double precision", nullable: true),
                    CiLow = table.Column<double>(type: "double precision", nullable: true),
                    CiHigh = table.Column<double>(type: "double precision", nullable: true),
                    EntryIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    OutlierEntryIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MethodChosenById = table.Column<string>(type: "text", nullable: true),
                    PinnedValue = table.Column<double>(type: "double precision", nullable: true),
                    PinReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PinnedById = table.Column<string>(type: "text", nullable: true),
                    PinnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectiveEstimates", x => x.Id);
                    table.CheckConstraint("CK_CollectiveEstimates_Counts", "\"EntryCount\" >= 0 AND \"ReferenceCount\" >= 0 AND \"ReferenceCount\" <= \"EntryCount\"");
                    table.CheckConstraint("CK_CollectiveEstimates_Finite", "(\"Value\" IS NULL OR (\"Value\" > '-Infinity'::float8 AND \"Value\" < 'Infinity'::float8)) AND (\"RangeMin\" IS NULL OR (\"RangeMin\" > '-Infinity'::float8 AND \"RangeMin\" < 'Infinity'::float8)) AND (\"RangeMax\" IS NULL OR (\"RangeMax\" > '-Infinity'::float8 AND \"RangeMax\" < 'Infinity'::float8)) AND (\"Sd\" IS NULL OR (\"Sd\" > '-Infinity'::float8 AND \"Sd\" < 'Infinity'::float8)) AND (\"Min\" IS NULL OR (\"Min\" > '-Infinity'::float8 AND \"Min\" < 'Infinity'::float8)) AND (\"Max\" IS NULL OR (\"Max\" > '-Infinity'::float8 AND \"Max\" < 'Infinity'::float8)) AND (\"CiLow\" IS NULL OR (\"CiLow\" > '-Infinity'::float8 AND \"CiLow\" < 'Infinity'::float8)) AND (\"CiHigh\" IS NULL OR (\"CiHigh\" > '-Infinity'::float8 AND \"CiHigh\" < 'Infinity'::float8)) AND (\"PinnedValue\" IS NULL OR (\"PinnedValue\" > '-Infinity'::float8 AND \"PinnedValue\" < 'Infinity'::float8))");
                    table.CheckConstraint("CK_CollectiveEstimates_Method", "\"Method\" BETWEEN 1 AND 7");
                    table.CheckConstraint("CK_CollectiveEstimates_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
                    table.CheckConstraint("CK_CollectiveEstimates_PinHasReason", "(\"PinnedValue\" IS NULL) = (\"PinReason\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_CollectiveEstimates_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CollectiveEstimates_ParameterDefinitions_ParameterDefinitio~",
                        column: x => x.ParameterDefinitionId,
                        principalTable: "ParameterDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CollectiveEstimates_Populations_PopulationId",
                        column: x => x.PopulationId,
                        principalTable: "Populations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CollectiveEstimates_Projections_ProjectionId",
                        column: x => x.ProjectionId,
                        principalTable: "Projections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CollectiveEstimates_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PopulationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParameterDefinitionId = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Min = table.Column<double>(type: "double precision", nullable: true),
                    Max = table.Column<double>(type: "double precision", nullable: true),
                    Sd = table.Column<double>(type: "double precision", nullable: true),
                    Sem = table.Column<double>(type: "double precision", nullable: true),
                    N = table.Column<int>(type: "integer", nullable: true),
                    ReferenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SetAs = table.Column<int>(type: "integer", nullable: false),
                    Species = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Method = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Notes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AuthorId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewState = table.Column<int>(type: "integer", nullable: false),
                    ReviewedById = table.Column<string>(type: "text", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Entries", x => x.Id);
                    table.CheckConstraint("CK_Entries_Finite", "(\"Value\" IS NULL OR (\"Value\" > '-Infinity'::float8 AND \"Value\" < 'Infinity'::float8)) AND (\"Min\" IS NULL OR (\"Min\" > '-Infinity'::float8 AND \"Min\" < 'Infinity'::float8)) AND (\"Max\" IS NULL OR (\"Max\" > '-Infinity'::float8 AND \"Max\" < 'Infinity'::float8)) AND (\"Sd\" IS NULL OR (\"Sd\" > '-Infinity'::float8 AND \"Sd\" < 'Infinity'::float8)) AND (\"Sem\" IS NULL OR (\"Sem\" > '-Infinity'::float8 AND \"Sem\" < 'Infinity'::float8))");
                    table.CheckConstraint("CK_Entries_MinLeMax", "\"Min\" IS NULL OR \"Max\" IS NULL OR \"Min\" <= \"Max\"");
                    table.CheckConstraint("CK_Entries_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
                    table.CheckConstraint("CK_Entries_ReviewState", "\"ReviewState\" IN (1, 2, 3)");
                    table.CheckConstraint("CK_Entries_SetAs", "\"SetAs\" IN (1, 2, 3)");
                    table.CheckConstraint("CK_Entries_Spread", "(\"Sd\" IS NULL OR \"Sd\" >= 0) AND (\"Sem\" IS NULL OR \"Sem\" >= 0) AND (\"N\" IS NULL OR \"N\" >= 1)");
                    table.CheckConstraint("CK_Entries_ValueOrRange", "(\"Value\" IS NOT NULL AND \"Min\" IS NULL AND \"Max\" IS NULL) OR (\"Value\" IS NULL AND \"Min\" IS NOT NULL AND \"Max\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_Entries_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Entries_BrainModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "BrainModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Entries_ParameterDefinitions_ParameterDefinitionId",
                        column: x => x.ParameterDefinitionId,
                        principalTable: "ParameterDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Entries_Populations_PopulationId",
                        column: x => x.PopulationId,
                        principalTable: "Populations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Entries_Projections_ProjectionId",
                        column: x => x.ProjectionId,
                        principalTable: "Projections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Entries_References_ReferenceId",
                        column: x => x.ReferenceId,
                        principalTable: "References",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Entries_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BrainModels_SeedKey",
                table: "BrainModels",
                column: "SeedKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveEstimates_ModelId",
                table: "CollectiveEstimates",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveEstimates_ParameterDefinitionId",
                table: "CollectiveEstimates",
                column: "ParameterDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveEstimates_PopulationId",
                table: "CollectiveEstimates",
                column: "PopulationId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveEstimates_ProjectionId",
                table: "CollectiveEstimates",
                column: "ProjectionId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveEstimates_RegionId_PopulationId_ProjectionId_Para~",
                table: "CollectiveEstimates",
                columns: new[] { "RegionId", "PopulationId", "ProjectionId", "ParameterDefinitionId" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "IX_Entries_AuthorId",
                table: "Entries",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ModelId_ParameterDefinitionId",
                table: "Entries",
                columns: new[] { "ModelId", "ParameterDefinitionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ParameterDefinitionId",
                table: "Entries",
                column: "ParameterDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_PopulationId",
                table: "Entries",
                column: "PopulationId");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ProjectionId",
                table: "Entries",
                column: "ProjectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ReferenceId",
                table: "Entries",
                column: "ReferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_RegionId_PopulationId_ProjectionId_ParameterDefinit~",
                table: "Entries",
                columns: new[] { "RegionId", "PopulationId", "ProjectionId", "ParameterDefinitionId" });

            migrationBuilder.CreateIndex(
                name: "IX_EntryAudits_EntryId",
                table: "EntryAudits",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryAudits_ModelId_At",
                table: "EntryAudits",
                columns: new[] { "ModelId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Layers_RegionId_Name",
                table: "Layers",
                columns: new[] { "RegionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelMembers_UserId",
                table: "ModelMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ParameterDefinitions_Key",
                table: "ParameterDefinitions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Populations_LayerId",
                table: "Populations",
                column: "LayerId");

            migrationBuilder.CreateIndex(
                name: "IX_Populations_ModelId_Name",
                table: "Populations",
                columns: new[] { "ModelId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Populations_RegionId",
                table: "Populations",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Projections_ModelId",
                table: "Projections",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_Projections_SourcePopulationId_TargetPopulationId_Receptor",
                table: "Projections",
                columns: new[] { "SourcePopulationId", "TargetPopulationId", "Receptor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Projections_TargetPopulationId",
                table: "Projections",
                column: "TargetPopulationId");

            migrationBuilder.CreateIndex(
                name: "IX_References_CitationKey",
                table: "References",
                column: "CitationKey",
                unique: true,
                filter: "\"Doi\" IS NULL AND \"Pmid\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_References_Doi",
                table: "References",
                column: "Doi",
                unique: true,
                filter: "\"Doi\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_References_Pmid",
                table: "References",
                column: "Pmid",
                unique: true,
                filter: "\"Pmid\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Regions_ModelId_Name",
                table: "Regions",
                columns: new[] { "ModelId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CollectiveEstimates");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Entries");

            migrationBuilder.DropTable(
                name: "EntryAudits");

            migrationBuilder.DropTable(
                name: "ModelMembers");

            migrationBuilder.DropTable(
                name: "ParameterDefinitions");

            migrationBuilder.DropTable(
                name: "Projections");

            migrationBuilder.DropTable(
                name: "References");

            migrationBuilder.DropTable(
                name: "Populations");

            migrationBuilder.DropTable(
                name: "Layers");

            migrationBuilder.DropTable(
                name: "Regions");

            migrationBuilder.DropTable(
                name: "BrainModels");
        }
    }
}
