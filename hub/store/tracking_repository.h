#pragma once
// The patient's tracking link of a token (tokens.tracking_code) and what the
// link's page needs of the patient: only their preferred language.
#include "hub/domain/language.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::store {

struct TrackedToken {
    long long tokenId = 0;
    domain::Language language = domain::Language::English;  // the patient's preferred language
};

class TrackingRepository {
public:
    explicit TrackingRepository(Connection& c) : c_(c) {}

    // The token's code, if one was issued.
    std::optional<std::string> codeOf(long long tokenId);
    // Stores code for a token that has none yet; false if the token already
    // had one (or does not exist). REQUIRES: a write transaction.
    bool issue(long long tokenId, std::string_view code);
    std::optional<TrackedToken> findByCode(std::string_view code);
    // The preferred language of the token's patient (English if unknown).
    domain::Language languageOf(long long tokenId);

private:
    Connection& c_;
};

}  // namespace hub::store
