// money, text, ids, contact
#include <doctest/doctest.h>

#include "contact.h"
#include "ids.h"
#include "money.h"
#include "text.h"

using namespace crm;

TEST_CASE("money parses exact decimals and rejects everything else") {
    CHECK(parse_money("12.50") == 1250);
    CHECK(parse_money("12.5") == 1250);
    CHECK(parse_money("12") == 1200);
    CHECK(parse_money("-0.07") == -7);
    CHECK(parse_money("0") == 0);
    CHECK(parse_money("1000000000000.00") == kMaxAmount);
    CHECK(parse_money("-1000000000000") == -kMaxAmount);
    std::string why;
    CHECK_FALSE(parse_money("12,5", &why));
    CHECK(why == "is not a decimal");
    CHECK_FALSE(parse_money("1e3"));
    CHECK_FALSE(parse_money("1.234", &why));
    CHECK(why == "has more than 2 decimals");
    CHECK_FALSE(parse_money("1000000000000.01", &why));
    CHECK(why == "is more than 1000000000000.00, the most one amount may be");
    CHECK_FALSE(parse_money("92233720368547758.07", &why));  // two of these summed to -0.02
    CHECK_FALSE(parse_money("92233720368547758.08", &why));
    CHECK(why == "is too large");
    CHECK_FALSE(parse_money("1 000", &why));
    CHECK(why == "is not a decimal");
    CHECK_FALSE(parse_money("99999999999999999999"));
    CHECK_FALSE(parse_money(""));
    CHECK_FALSE(parse_money("-"));
    CHECK_FALSE(parse_money("+1"));
    CHECK_FALSE(parse_money("1."));
    CHECK_FALSE(parse_money(".5"));
    CHECK_FALSE(parse_money(" 1"));
    CHECK_FALSE(parse_money("0x10"));
}

TEST_CASE("money formats with two decimals, including the extremes") {
    CHECK(format_money(1250) == "12.50");
    CHECK(format_money(-7) == "-0.07");
    CHECK(format_money(0) == "0.00");
    CHECK(format_money(INT64_MIN) == "-92233720368547758.08");
}

TEST_CASE("display width counts CJK as two columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("张三") == 4);
    CHECK(display_width("Acme 北京") == 9);
    CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute
    CHECK(display_width("ｱ") == 1);         // halfwidth katakana stays narrow
    CHECK(display_width("全角Ａ") == 6);
}

TEST_CASE("UTF-8 validation") {
    CHECK(valid_utf8("张三 abc"));
    CHECK_FALSE(valid_utf8("\xff"));
    CHECK_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(valid_utf8("\xE5\xBC"));          // truncated
}

TEST_CASE("split, trim and quote_value") {
    CHECK(split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
    CHECK(trim("  x \r\n") == "x");
    CHECK(quote_value("a\"b\n") == "\"a\\\"b\\n\"");
}

TEST_CASE("generated IDs are well formed, sortable by time and distinct") {
    std::string a = new_id('C', 1000), b = new_id('C', 1000), later = new_id('C', 2000);
    CHECK(a.size() == 14);
    CHECK(is_generated_id(a, 'C'));
    CHECK_FALSE(is_generated_id(a, 'L'));
    CHECK(a != b);
    CHECK(a.substr(0, 9) == b.substr(0, 9));
    CHECK(later > a);
    CHECK(derived_id('O', "x") == derived_id('O', "x"));
    CHECK(derived_id('O', "x") != derived_id('O', "y"));
    CHECK(is_generated_id(derived_id('O', "x"), 'O'));
}

TEST_CASE("user-given IDs can never name a path") {
    CHECK(is_safe_id("ERP-2024.001"));
    CHECK_FALSE(is_safe_id("../x"));
    CHECK_FALSE(is_safe_id("/etc/passwd"));
    CHECK_FALSE(is_safe_id(".hidden"));
    CHECK_FALSE(is_safe_id(""));
    CHECK_FALSE(is_safe_id("a b"));
    CHECK(normalise_id_arg("c-1abc", 'C') == "C-1ABC");
    CHECK(normalise_id_arg("1abc", 'C') == "C-1ABC");
    CHECK(normalise_id_arg("../x", 'C') == "");
    CHECK(normalise_id_arg("C-1I", 'C') == "");  // I is not in Crockford base32
}

TEST_CASE("phones normalise to E.164") {
    std::string why;
    CHECK(normalise_phone("13800138000", "CN", &why) == "+8613800138000");
    CHECK(normalise_phone("+86 138-0013-8000", "CN", &why) == "+8613800138000");
    CHECK(normalise_phone("0086 13800138000", "CN", &why) == "+8613800138000");
    CHECK(normalise_phone("8613800138000", "CN", &why) == "+8613800138000");
    CHECK(normalise_phone("(010) 6552-9988", "CN", &why) == "+861065529988");
    CHECK(normalise_phone("(415) 555-0100", "US", &why) == "+14155550100");
    CHECK_FALSE(normalise_phone("abc", "CN", &why));
    CHECK(why.find("is not a phone number") == 0);
    CHECK_FALSE(normalise_phone("12", "CN", &why));
    CHECK_FALSE(normalise_phone("+1 2 3", "CN", &why));
}

TEST_CASE("emails are lower-cased and checked") {
    CHECK(normalise_email(" Li@Example.COM ", nullptr) == "li@example.com");
    CHECK_FALSE(normalise_email("li@", nullptr));
    CHECK_FALSE(normalise_email("a@b@c.com", nullptr));
    CHECK_FALSE(normalise_email("nobody", nullptr));
    CHECK_FALSE(normalise_email("a b@c.com", nullptr));
}

TEST_CASE("contact masking keeps the ends") {
    CHECK(mask_phone("+8613812345678") == "138****5678");
    CHECK(mask_email("li@example.com") == "l***@example.com");
}
