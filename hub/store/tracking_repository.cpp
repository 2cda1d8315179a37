#include "hub/store/tracking_repository.h"

#include "hub/store/columns.h"

namespace hub::store {

std::optional<std::string> TrackingRepository::codeOf(long long tokenId) {
    auto q = c_.prepare("SELECT tracking_code FROM tokens WHERE id = ?1 AND tracking_code IS NOT NULL");
    q->bind(1, static_cast<int64_t>(tokenId));
    if (!q->executeStep()) return std::nullopt;
    return q->getColumn(0).getString();
}

bool TrackingRepository::issue(long long tokenId, std::string_view code) {
    auto q = c_.prepare("UPDATE tokens SET tracking_code = ?2 WHERE id = ?1 AND tracking_code IS NULL");
    q->bind(1, static_cast<int64_t>(tokenId));
    q->bind(2, std::string(code));
    return q->exec() == 1;
}

std::optional<TrackedToken> TrackingRepository::findByCode(std::string_view code) {
    // Served by the UNIQUE index on tracking_code.
    auto q = c_.prepare(
        "SELECT t.id, p.preferred_language FROM tokens t JOIN patients p ON p.id = t.patient_id "
        "WHERE t.tracking_code = ?1");
    q->bind(1, std::string(code));
    if (!q->executeStep()) return std::nullopt;
    return TrackedToken{q->getColumn(0).getInt64(), namedColumn(q->getColumn(1), domain::parseLanguage, "language")};
}

domain::Language TrackingRepository::languageOf(long long tokenId) {
    auto q = c_.prepare(
        "SELECT p.preferred_language FROM tokens t JOIN patients p ON p.id = t.patient_id WHERE t.id = ?1");
    q->bind(1, static_cast<int64_t>(tokenId));
    if (!q->executeStep()) return domain::Language::English;
    return namedColumn(q->getColumn(0), domain::parseLanguage, "language");
}

}  // namespace hub::store
