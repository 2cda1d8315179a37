#include "hub/store/clinic_repository.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>

#include <algorithm>
#include <sqlite3.h>

namespace hub::store {

std::optional<ClinicRecord> ClinicRepository::get() {
    auto q = c_.prepare(
        "SELECT name, timezone, box_id, created_at, demo, name_bn, address, phone, email, country, languages, "
        "letterhead_tagline, letterhead_footer, registration_number, token_numbering, updated_at "
        "FROM clinic WHERE id = 1");
    if (!q->executeStep()) return std::nullopt;
    ClinicRecord r;
    domain::ClinicProfile& p = r.profile;
    p.name = q->getColumn(0).getString();
    p.timezone = q->getColumn(1).getString();
    r.boxId = q->getColumn(2).getString();
    r.createdAt = fromUnixSeconds(q->getColumn(3).getInt64());
    r.demo = q->getColumn(4).getInt() != 0;
    p.nameBn = q->getColumn(5).getString();
    p.address = q->getColumn(6).getString();
    p.phone = q->getColumn(7).getString();
    p.email = q->getColumn(8).getString();
    p.country = q->getColumn(9).getString();
    p.languages.clear();
    const std::string languages = q->getColumn(10).getString();
    for (std::size_t start = 0; start < languages.size();) {
        const std::size_t comma = std::min(languages.find(',', start), languages.size());
        if (comma > start) {
            const std::string name = languages.substr(start, comma - start);
            const auto language = domain::parseLanguage(name);
            if (!language) throw Error(ErrorCode::Internal, "unknown language in the clinic's profile: " + name);
            p.languages.push_back(*language);
        }
        start = comma + 1;
    }
    p.letterheadTagline = q->getColumn(11).getString();
    p.letterheadFooter = q->getColumn(12).getString();
    p.registrationNumber = q->getColumn(13).getString();
    p.tokenNumbering = domain::parseTokenNumbering(q->getColumn(14).getString()).value_or(domain::TokenNumbering::PerDoctor);
    r.updatedAt = fromUnixSeconds(q->getColumn(15).getInt64());
    return r;
}

void ClinicRepository::create(const ClinicRecord& r) {
    auto q = c_.prepare(
        "INSERT INTO clinic (id, name, timezone, box_id, created_at, demo) VALUES (1, ?1, ?2, ?3, ?4, ?5)");
    q->bind(1, r.profile.name);
    q->bind(2, r.profile.timezone);
    q->bind(3, r.boxId);
    q->bind(4, static_cast<int64_t>(toUnixSeconds(r.createdAt)));
    q->bind(5, r.demo ? 1 : 0);
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT) throw conflict("the clinic is already initialised");
        throw;
    }
}

bool ClinicRepository::updateProfile(const domain::ClinicProfile& p, TimePoint at) {
    auto q = c_.prepare(
        "UPDATE clinic SET name = ?1, timezone = ?2, name_bn = ?3, address = ?4, phone = ?5, email = ?6, "
        "country = ?7, languages = ?8, letterhead_tagline = ?9, letterhead_footer = ?10, registration_number = ?11, "
        "token_numbering = ?12, updated_at = ?13 WHERE id = 1");
    std::string languages;
    for (const auto l : p.languages) languages += (languages.empty() ? "" : ",") + std::string(domain::languageName(l));
    q->bind(1, p.name);
    q->bind(2, p.timezone);
    q->bind(3, p.nameBn);
    q->bind(4, p.address);
    q->bind(5, p.phone);
    q->bind(6, p.email);
    q->bind(7, p.country);
    q->bind(8, languages);
    q->bind(9, p.letterheadTagline);
    q->bind(10, p.letterheadFooter);
    q->bind(11, p.registrationNumber);
    q->bind(12, std::string(domain::tokenNumberingName(p.tokenNumbering)));
    q->bind(13, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

std::vector<ChronicCondition> ClinicRepository::chronicConditions() {
    auto q = c_.prepare("SELECT code, label_en, label_bn FROM chronic_conditions ORDER BY position, code");
    std::vector<ChronicCondition> out;
    while (q->executeStep())
        out.push_back({q->getColumn(0).getString(), q->getColumn(1).getString(), q->getColumn(2).getString()});
    return out;
}

}  // namespace hub::store
