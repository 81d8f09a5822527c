import Testing
@testable import SweepStore

@Suite struct SQLSplitterTests {
    @Test func splitsOnTopLevelSemicolonsOnly() {
        let sql = """
        -- a comment; with a semicolon
        CREATE TABLE t (a text DEFAULT 'x;y', "odd;name" int);
        /* block; /* nested; */ still comment */
        INSERT INTO t (a) VALUES ('it''s; fine');
        CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
        CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 2; $body$;
        SELECT $1
        """
        let statements = SQLSplitter.split(sql)
        #expect(statements.count == 5)
        #expect(statements[0].hasSuffix("\"odd;name\" int)"))
        #expect(statements[1].hasSuffix("VALUES ('it''s; fine')"))
        #expect(statements[2].contains("RETURN 1; END; $$"))
        #expect(statements[3].contains("$body$ SELECT 2; $body$"))
        #expect(statements[4].hasSuffix("SELECT $1"))
    }

    @Test func commentOnlyFileHasNoStatements() {
        #expect(SQLSplitter.split("-- nothing here;\n/* nor; here */\n").isEmpty)
    }

    @Test func everyShippedMigrationSplitsIntoStatements() throws {
        let files = try MigrationFile.load(from: MigrationFile.defaultDirectory())
        for file in files {
            #expect(!SQLSplitter.split(file.sql).isEmpty, "\(file.fileName)")
        }
    }
}
