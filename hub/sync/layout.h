#pragma once
// Object names in the bucket, relative to the target's prefix
// (docs/sync-format.md, "Names"). Names carry sequence numbers and keyed
// hashes only: nothing about patients, and nothing a guess could confirm.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace hub::sync::layout {

inline constexpr std::string_view root = "clinic-hub-sync/v1/";
inline const std::string keyObject = std::string(root) + "key";                // the wrapped data key (JSON)
inline const std::string generationObject = std::string(root) + "generation";  // who owns the copy
inline const std::string pointsPrefix = std::string(root) + "points/";
inline const std::string dataPrefix = std::string(root) + "data/";

inline std::string sequenceText(std::uint64_t sequence) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010llu", static_cast<unsigned long long>(sequence));
    return buf;
}

// points/0000000042: the manifest of restore point 42.
inline std::string pointName(std::uint64_t sequence) { return pointsPrefix + sequenceText(sequence); }

// data/0000000042/<32 hex>: a data object written by run 42.
inline std::string dataName(std::uint64_t sequence, std::string_view contentName) {
    return dataPrefix + sequenceText(sequence) + "/" + std::string(contentName);
}

// The sequence in a point's or data object's name; 0 when it has none.
inline std::uint64_t sequenceOf(std::string_view name) {
    std::string_view rest;
    if (name.substr(0, pointsPrefix.size()) == pointsPrefix) rest = name.substr(pointsPrefix.size());
    else if (name.substr(0, dataPrefix.size()) == dataPrefix) rest = name.substr(dataPrefix.size(), 10);
    else return 0;
    if (rest.size() != 10) return 0;
    std::uint64_t n = 0;
    for (char c : rest) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

}  // namespace hub::sync::layout
