#include "hub/api/schema.h"

#include "hub/core/error.h"

#include <Poco/JSON/Array.h>
#include <Poco/Types.h>

#include <cmath>
#include <cstdint>
#include <set>

namespace hub::api {

Schema object(std::vector<Property> properties, std::string description) {
    Schema s;
    s.kind = Schema::Kind::Object;
    s.properties = std::move(properties);
    s.description = std::move(description);
    return s;
}

Schema arrayOf(Schema items, std::string description) {
    Schema s;
    s.kind = Schema::Kind::Array;
    s.items = std::make_shared<const Schema>(std::move(items));
    s.description = std::move(description);
    return s;
}

namespace {
Schema scalar(Schema::Kind kind, std::string description) {
    Schema s;
    s.kind = kind;
    s.description = std::move(description);
    return s;
}
}  // namespace

Schema string(std::string d) { return scalar(Schema::Kind::String, std::move(d)); }
Schema integer(std::string d) { return scalar(Schema::Kind::Integer, std::move(d)); }
Schema number(std::string d) { return scalar(Schema::Kind::Number, std::move(d)); }
Schema boolean(std::string d) { return scalar(Schema::Kind::Boolean, std::move(d)); }

Schema enumeration(std::vector<std::string> values, std::string d) {
    Schema s = string(std::move(d));
    s.enumValues = std::move(values);
    return s;
}

Schema enumeration(std::span<const std::string_view> values, std::string d) {
    return enumeration(std::vector<std::string>(values.begin(), values.end()), std::move(d));
}

Schema withFormat(Schema s, std::string format) {
    s.format = std::move(format);
    return s;
}

Schema withLength(Schema s, std::size_t minLength, std::size_t maxLength) {
    s.minLength = minLength;
    s.maxLength = maxLength;
    return s;
}

Schema withRange(Schema s, long long minimum, long long maximum) {
    s.minimum = minimum;
    s.maximum = maximum;
    return s;
}

Schema nullable(Schema s) {
    s.nullable = true;
    return s;
}

Property required(std::string name, Schema schema) { return {std::move(name), std::move(schema), true}; }
Property optional(std::string name, Schema schema) { return {std::move(name), std::move(schema), false}; }

namespace {

std::string child(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
}

[[noreturn]] void fail(const std::string& path, const std::string& message) {
    throw invalidInput(path, (path.empty() ? std::string("body") : path) + " " + message);
}

const char* kindName(Schema::Kind kind) {
    switch (kind) {
        case Schema::Kind::Object: return "an object";
        case Schema::Kind::Array: return "an array";
        case Schema::Kind::String: return "a string";
        case Schema::Kind::Integer: return "an integer";
        case Schema::Kind::Number: return "a number";
        case Schema::Kind::Boolean: return "true or false";
    }
    return "a value";
}

bool isObject(const Poco::Dynamic::Var& v) { return v.type() == typeid(Poco::JSON::Object::Ptr); }
bool isArray(const Poco::Dynamic::Var& v) { return v.type() == typeid(Poco::JSON::Array::Ptr); }

void checkRange(const Schema& schema, double value, const std::string& path) {
    if (schema.minimum && value < static_cast<double>(*schema.minimum))
        fail(path, "must be at least " + std::to_string(*schema.minimum));
    if (schema.maximum && value > static_cast<double>(*schema.maximum))
        fail(path, "must be at most " + std::to_string(*schema.maximum));
}

void checkLength(const Schema& schema, std::size_t length, const std::string& path, const char* unit) {
    if (schema.minLength && length < *schema.minLength)
        fail(path, "must have at least " + std::to_string(*schema.minLength) + " " + unit);
    if (schema.maxLength && length > *schema.maxLength)
        fail(path, "must have at most " + std::to_string(*schema.maxLength) + " " + unit);
}

}  // namespace

void validate(const Schema& schema, const Poco::Dynamic::Var& value, const std::string& path) {
    if (value.isEmpty()) {
        if (schema.nullable) return;
        fail(path, std::string("must be ") + kindName(schema.kind) + ", not null");
    }
    switch (schema.kind) {
        case Schema::Kind::Object: {
            if (!isObject(value)) fail(path, "must be an object");
            const auto obj = value.extract<Poco::JSON::Object::Ptr>();
            std::set<std::string> known;
            for (const auto& p : schema.properties) {
                known.insert(p.name);
                const std::string at = child(path, p.name);
                if (!obj->has(p.name)) {
                    if (p.required) fail(at, "is required");
                    continue;
                }
                validate(p.schema, obj->get(p.name), at);
            }
            for (const auto& [name, ignored] : *obj)
                if (!known.count(name)) fail(child(path, name), "is not a known field");
            return;
        }
        case Schema::Kind::Array: {
            if (!isArray(value)) fail(path, "must be an array");
            const auto arr = value.extract<Poco::JSON::Array::Ptr>();
            checkLength(schema, arr->size(), path, "items");
            for (std::size_t i = 0; i < arr->size(); ++i)
                validate(*schema.items, arr->get(static_cast<unsigned>(i)), path + "[" + std::to_string(i) + "]");
            return;
        }
        case Schema::Kind::String: {
            if (!value.isString()) fail(path, "must be a string");
            const auto s = value.extract<std::string>();
            checkLength(schema, s.size(), path, "bytes");
            if (!schema.enumValues.empty()) {
                bool ok = false;
                for (const auto& e : schema.enumValues) ok = ok || e == s;
                if (!ok) {
                    std::string list;
                    for (const auto& e : schema.enumValues) list += (list.empty() ? "" : ", ") + e;
                    fail(path, "must be one of: " + list);
                }
            }
            return;
        }
        case Schema::Kind::Integer: {
            // Poco's parser yields integers as Int64/UInt64 and fractions as double.
            if (!value.isInteger() || value.isBoolean()) fail(path, "must be an integer");
            // Every integer the API takes is read as a signed 64-bit value at most
            // (2^63 and above arrive as UInt64): beyond it is the client's error, not a conversion failure.
            if (!value.isSigned() && value.convert<Poco::UInt64>() > static_cast<Poco::UInt64>(INT64_MAX))
                fail(path, "must be at most " + std::to_string(INT64_MAX));
            checkRange(schema, value.convert<double>(), path);
            return;
        }
        case Schema::Kind::Number: {
            if (!value.isNumeric() || value.isBoolean()) fail(path, "must be a number");
            const double d = value.convert<double>();
            if (!std::isfinite(d)) fail(path, "must be a finite number");
            checkRange(schema, d, path);
            return;
        }
        case Schema::Kind::Boolean:
            if (!value.isBoolean()) fail(path, "must be true or false");
            return;
    }
}

Poco::JSON::Object::Ptr toOpenApi(const Schema& schema) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    switch (schema.kind) {
        case Schema::Kind::Object: {
            out->set("type", "object");
            Poco::JSON::Object::Ptr props = new Poco::JSON::Object;
            Poco::JSON::Array::Ptr req = new Poco::JSON::Array;
            for (const auto& p : schema.properties) {
                props->set(p.name, toOpenApi(p.schema));
                if (p.required) req->add(p.name);
            }
            out->set("properties", props);
            if (req->size() > 0) out->set("required", req);
            out->set("additionalProperties", false);
            break;
        }
        case Schema::Kind::Array:
            out->set("type", "array");
            out->set("items", toOpenApi(*schema.items));
            if (schema.minLength) out->set("minItems", *schema.minLength);
            if (schema.maxLength) out->set("maxItems", *schema.maxLength);
            break;
        case Schema::Kind::String:
            out->set("type", "string");
            if (!schema.format.empty()) out->set("format", schema.format);
            if (schema.minLength) out->set("minLength", *schema.minLength);
            if (schema.maxLength) out->set("maxLength", *schema.maxLength);
            if (!schema.enumValues.empty()) {
                Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
                for (const auto& e : schema.enumValues) values->add(e);
                out->set("enum", values);
            }
            break;
        case Schema::Kind::Integer:
        case Schema::Kind::Number:
            out->set("type", schema.kind == Schema::Kind::Integer ? "integer" : "number");
            if (schema.minimum) out->set("minimum", *schema.minimum);
            if (schema.maximum) out->set("maximum", *schema.maximum);
            break;
        case Schema::Kind::Boolean:
            out->set("type", "boolean");
            break;
    }
    if (!schema.description.empty()) out->set("description", schema.description);
    if (schema.nullable) out->set("nullable", true);
    return out;
}

}  // namespace hub::api
