#include "hub/store/display_repository.h"

namespace hub::store {
namespace {

#define DISPLAY_COLUMNS \
    "id, display_key, name, languages, bangla_numerals, theme, notice, show_initial, show_welcome_qr, sound"

domain::Display readDisplay(SQLite::Statement& q) {
    domain::Display d;
    d.id = q.getColumn(0).getInt64();
    d.key = q.getColumn(1).getString();
    auto& s = d.settings;
    s.name = q.getColumn(2).getString();
    s.languages = q.getColumn(3).getString();
    s.banglaNumerals = q.getColumn(4).getInt() != 0;
    s.theme = q.getColumn(5).getString();
    s.notice = q.getColumn(6).getString();
    s.showInitial = q.getColumn(7).getInt() != 0;
    s.showWelcomeQr = q.getColumn(8).getInt() != 0;
    s.sound = q.getColumn(9).getString();
    return d;
}

// Binds the settings to ?2..?9 in the order of DISPLAY_COLUMNS after the key.
void bindSettings(SQLite::Statement& q, const domain::DisplaySettings& s) {
    q.bind(2, s.name);
    q.bind(3, s.languages);
    q.bind(4, s.banglaNumerals ? 1 : 0);
    q.bind(5, s.theme);
    q.bind(6, s.notice);
    q.bind(7, s.showInitial ? 1 : 0);
    q.bind(8, s.showWelcomeQr ? 1 : 0);
    q.bind(9, s.sound);
}

}  // namespace

long long DisplayRepository::insert(const std::string& key, const domain::DisplaySettings& settings, TimePoint at) {
    auto q = c_.prepare(
        "INSERT INTO displays (display_key, name, languages, bangla_numerals, theme, notice, show_initial, "
        "show_welcome_qr, sound, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)");
    q->bind(1, key);
    bindSettings(*q, settings);
    q->bind(10, static_cast<int64_t>(toUnixSeconds(at)));
    q->exec();
    const long long id = c_.lastInsertRowid();
    writeDoctors(id, settings.doctorIds);
    return id;
}

bool DisplayRepository::update(long long id, const domain::DisplaySettings& settings, TimePoint at) {
    auto q = c_.prepare(
        "UPDATE displays SET name = ?2, languages = ?3, bangla_numerals = ?4, theme = ?5, notice = ?6, "
        "show_initial = ?7, show_welcome_qr = ?8, sound = ?9, updated_at = ?10 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    bindSettings(*q, settings);
    q->bind(10, static_cast<int64_t>(toUnixSeconds(at)));
    if (q->exec() == 0) return false;
    auto clear = c_.prepare("DELETE FROM display_doctors WHERE display_id = ?1");
    clear->bind(1, static_cast<int64_t>(id));
    clear->exec();
    writeDoctors(id, settings.doctorIds);
    return true;
}

bool DisplayRepository::remove(long long id) {
    // display_doctors goes with it (ON DELETE CASCADE).
    auto q = c_.prepare("DELETE FROM displays WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    return q->exec() > 0;
}

bool DisplayRepository::replaceKey(long long id, const std::string& key, TimePoint at) {
    auto q = c_.prepare("UPDATE displays SET display_key = ?2, updated_at = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, key);
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() > 0;
}

void DisplayRepository::writeDoctors(long long id, const std::vector<long long>& doctorIds) {
    auto q = c_.prepare("INSERT INTO display_doctors (display_id, doctor_id, position) VALUES (?1, ?2, ?3)");
    for (std::size_t i = 0; i < doctorIds.size(); ++i) {
        q->reset();
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(doctorIds[i]));
        q->bind(3, static_cast<int64_t>(i));
        q->exec();
    }
}

void DisplayRepository::readDoctors(domain::Display& display) {
    auto q = c_.prepare("SELECT doctor_id FROM display_doctors WHERE display_id = ?1 ORDER BY position");
    q->bind(1, static_cast<int64_t>(display.id));
    while (q->executeStep()) display.settings.doctorIds.push_back(q->getColumn(0).getInt64());
}

std::optional<domain::Display> DisplayRepository::find(long long id) {
    auto q = c_.prepare("SELECT " DISPLAY_COLUMNS " FROM displays WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    auto d = readDisplay(*q);
    readDoctors(d);
    return d;
}

std::optional<domain::Display> DisplayRepository::findByKey(std::string_view key) {
    auto q = c_.prepare("SELECT " DISPLAY_COLUMNS " FROM displays WHERE display_key = ?1");
    q->bind(1, std::string(key));
    if (!q->executeStep()) return std::nullopt;
    auto d = readDisplay(*q);
    readDoctors(d);
    return d;
}

std::vector<domain::Display> DisplayRepository::list() {
    auto q = c_.prepare("SELECT " DISPLAY_COLUMNS " FROM displays ORDER BY id");
    std::vector<domain::Display> out;
    while (q->executeStep()) out.push_back(readDisplay(*q));
    for (auto& d : out) readDoctors(d);
    return out;
}

}  // namespace hub::store
