#pragma once
// JSON shapes declared once as data. The same Schema validates a request body
// (naming the offending field), checks responses in tests, and is emitted into
// the OpenAPI document, so the three cannot disagree.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hub::api {

struct Property;

struct Schema {
    enum class Kind { Object, Array, String, Integer, Number, Boolean };
    Kind kind = Kind::Object;
    std::string description;
    std::vector<Property> properties;      // Object
    std::shared_ptr<const Schema> items;   // Array
    std::vector<std::string> enumValues;   // String
    std::string format;                    // String: "date-time", "date", "password" ...
    std::optional<long long> minimum, maximum;           // Integer / Number
    std::optional<std::size_t> minLength, maxLength;     // String (bytes), Array (items)
    bool nullable = false;
};

struct Property {
    std::string name;
    Schema schema;
    bool required = false;
};

// Builders that keep route declarations readable.
Schema object(std::vector<Property> properties, std::string description = {});
Schema arrayOf(Schema items, std::string description = {});
Schema string(std::string description = {});
Schema integer(std::string description = {});
Schema number(std::string description = {});
Schema boolean(std::string description = {});
Schema enumeration(std::vector<std::string> values, std::string description = {});
// A vocabulary of the domain, from its name table (domain::priorityNames ...):
// the API never retypes a list the domain already keeps.
Schema enumeration(std::span<const std::string_view> values, std::string description = {});
Schema withFormat(Schema s, std::string format);
Schema withLength(Schema s, std::size_t minLength, std::size_t maxLength);
Schema withRange(Schema s, long long minimum, long long maximum);
Schema nullable(Schema s);
Property required(std::string name, Schema schema);
Property optional(std::string name, Schema schema);

// Checks value against schema. Throws hub::Error(InvalidInput) naming the field
// by its path ("doctor.room", "prescription[2].dose"). Unknown object fields are
// errors: a misspelt optional field must not be silently ignored.
void validate(const Schema& schema, const Poco::Dynamic::Var& value, const std::string& path = {});

// The schema as an OpenAPI 3.0 Schema Object.
Poco::JSON::Object::Ptr toOpenApi(const Schema& schema);

}  // namespace hub::api
