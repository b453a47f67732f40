#include <doctest/doctest.h>

#include "csv.h"
#include "error.h"

using namespace crm;

TEST_CASE("CSV reader: quotes, embedded commas, newlines, CRLF, BOM") {
    std::string text = "\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n3,last,z";
    CsvTable t = read_csv_table(text, "in.csv");
    CHECK(t.header == std::vector<std::string>{"a", "b", "c"});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].fields == std::vector<std::string>{"1", "x, y", "say \"hi\""});
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[1].fields == std::vector<std::string>{"2", "two\nlines", ""});
    CHECK(t.rows[1].line == 3);
    CHECK(t.rows[2].line == 5);
    CHECK(t.get(t.rows[2], t.column("c")) == "z");
    CHECK(t.column("nope") == -1);
}

TEST_CASE("CSV reader: an unterminated quote names the line") {
    try {
        read_csv_table("a\n\"open\n", "bad.csv");
        FAIL("no throw");
    } catch (const Failure& f) {
        CHECK(f.code() == kDataErr);
        CHECK(std::string(f.what()) == "bad.csv:2: unterminated quoted field");
    }
}

TEST_CASE("CSV writer quotes only when needed and round-trips") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("张三") == "张三");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field(" padded") == "\" padded\"");
    std::string line = csv_field("a,b") + "," + csv_field("q\"") + "," + csv_field("n\nl") + "\n";
    CsvTable t = read_csv_table("h1,h2,h3\n" + line, "rt");
    CHECK(t.rows[0].fields == std::vector<std::string>{"a,b", "q\"", "n\nl"});
}
