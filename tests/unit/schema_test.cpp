#include "hub/api/schema.h"
#include "hub/core/error.h"

#include <Poco/JSON/Parser.h>
#include "support/catch.h"

using namespace hub::api;

namespace {

Poco::Dynamic::Var json(const std::string& text) { return Poco::JSON::Parser().parse(text); }

// The field named by the InvalidInput error validate() throws, or "" if it accepted.
std::string rejectedField(const Schema& s, const std::string& text) {
    try {
        validate(s, json(text));
    } catch (const hub::Error& e) {
        REQUIRE(e.code() == hub::ErrorCode::InvalidInput);
        return e.field().empty() ? "<body>" : e.field();
    }
    return "";
}

const Schema staffBody = object({
    required("username", withLength(string(), 3, 32)),
    required("role", enumeration({"admin", "doctor"})),
    optional("age", withRange(integer(), 0, 130)),
    optional("weight", number()),
    optional("active", boolean()),
    optional("doctor", object({required("room", string())})),
    optional("items", arrayOf(object({required("dose", string())}))),
    optional("note", nullable(string())),
});

}  // namespace

TEST_CASE("a body that matches its schema is accepted", "[schema]") {
    CHECK(rejectedField(staffBody, R"({"username":"abc","role":"admin"})") == "");
    CHECK(rejectedField(staffBody, R"({"username":"abc","role":"doctor","age":40,"weight":61.5,
        "active":true,"doctor":{"room":"2"},"items":[{"dose":"1+0+1"}],"note":null})") == "");
}

TEST_CASE("a rejected body names the field at fault", "[schema]") {
    SECTION("missing required field") { CHECK(rejectedField(staffBody, R"({"role":"admin"})") == "username"); }
    SECTION("unknown field") {
        CHECK(rejectedField(staffBody, R"({"username":"abc","role":"admin","rol":"x"})") == "rol");
    }
    SECTION("wrong type") { CHECK(rejectedField(staffBody, R"({"username":7,"role":"admin"})") == "username"); }
    SECTION("string too short") { CHECK(rejectedField(staffBody, R"({"username":"ab","role":"admin"})") == "username"); }
    SECTION("value outside the enumeration") {
        CHECK(rejectedField(staffBody, R"({"username":"abc","role":"root"})") == "role");
    }
    SECTION("integer out of range") {
        CHECK(rejectedField(staffBody, R"({"username":"abc","role":"admin","age":131})") == "age");
    }
    SECTION("fraction where an integer is wanted") {
        CHECK(rejectedField(staffBody, R"({"username":"abc","role":"admin","age":4.5})") == "age");
    }
    SECTION("boolean is not a number") {
        CHECK(rejectedField(staffBody, R"({"username":"abc","role":"admin","weight":true})") == "weight");
    }
    SECTION("nested object field") {
        CHECK(rejectedField(staffBody, R"({"username":"abc","role":"admin","doctor":{}})") == "doctor.room");
    }
    SECTION("array item field") {
        CHECK(rejectedField(staffBody, R"({"username":"abc","role":"admin","items":[{"dose":"1"},{"dose":2}]})") ==
              "items[1].dose");
    }
    SECTION("null where not nullable") {
        CHECK(rejectedField(staffBody, R"({"username":null,"role":"admin"})") == "username");
    }
    SECTION("top level not an object") { CHECK(rejectedField(staffBody, R"([1,2])") == "<body>"); }
}

TEST_CASE("the OpenAPI form of a schema keeps types, requirements and limits", "[schema]") {
    const auto doc = toOpenApi(staffBody);
    CHECK(doc->getValue<std::string>("type") == "object");
    CHECK(doc->getValue<bool>("additionalProperties") == false);
    const auto props = doc->getObject("properties");
    CHECK(props->getObject("username")->getValue<int>("maxLength") == 32);
    CHECK(props->getObject("age")->getValue<int>("maximum") == 130);
    CHECK(props->getObject("role")->getArray("enum")->size() == 2);
    CHECK(props->getObject("items")->getObject("items")->getValue<std::string>("type") == "object");
    CHECK(doc->getArray("required")->size() == 2);
}
