using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalBrain.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class EntryParameterRange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A CHECK constraint cannot read the catalogue, so the per-parameter rules (allowed
            // range, whole numbers for integer parameters) are a trigger: the database refuses what
            // the validator refuses even when the application is bypassed.
            migrationBuilder.Sql("""
                CREATE FUNCTION entries_check_parameter_rules() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE d "ParameterDefinitions"%ROWTYPE;
                BEGIN
                    -- Rows the CHECK constraints refuse (non-finite numbers, neither value nor range)
                    -- are left to them, so the error names the more basic rule.
                    IF NOT ((NEW."Value" IS NOT NULL AND NEW."Min" IS NULL AND NEW."Max" IS NULL)
                            OR (NEW."Value" IS NULL AND NEW."Min" IS NOT NULL AND NEW."Max" IS NOT NULL))
                       OR COALESCE(NEW."Value", NEW."Min") IN ('NaN', 'Infinity', '-Infinity')
                       OR NEW."Max" IN ('NaN', 'Infinity', '-Infinity') THEN
                        RETURN NEW;
                    END IF;
                    SELECT * INTO d FROM "ParameterDefinitions" WHERE "Id" = NEW."ParameterDefinitionId";
                    IF (NEW."Value" IS NOT NULL AND (NEW."Value" < d."MinValue" OR NEW."Value" > d."MaxValue"))
                       OR (NEW."Min" IS NOT NULL AND NEW."Min" < d."MinValue")
                       OR (NEW."Max" IS NOT NULL AND NEW."Max" > d."MaxValue") THEN
                        RAISE EXCEPTION 'value of % outside its allowed range [%, %]', d."Key", d."MinValue", d."MaxValue"
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'CK_Entries_ParameterRange';
                    END IF;
                    IF d."ValueKind" = 2 AND ((NEW."Value" IS NOT NULL AND NEW."Value" <> trunc(NEW."Value"))
                       OR (NEW."Min" IS NOT NULL AND NEW."Min" <> trunc(NEW."Min"))
                       OR (NEW."Max" IS NOT NULL AND NEW."Max" <> trunc(NEW."Max"))) THEN
                        RAISE EXCEPTION '% takes whole numbers only', d."Key"
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'CK_Entries_WholeNumber';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "TR_Entries_ParameterRules" BEFORE INSERT OR UPDATE ON "Entries"
                    FOR EACH ROW EXECUTE FUNCTION entries_check_parameter_rules();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Entries_ParameterRules" ON "Entries";
                DROP FUNCTION entries_check_parameter_rules();
                """);
        }
    }
}
