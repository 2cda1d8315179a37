#pragma once
// Operator log: one line per event on stderr, "<level> <component>: <message>".
// Under systemd (JOURNAL_STREAM set) lines carry the "<N>" priority prefix that
// journald understands instead. Never log a patient's name or phone number:
// log ids (patient 42), not people.
#include <optional>
#include <string>
#include <string_view>

namespace hub::log {

enum class Level { Error = 3, Warning = 4, Info = 6, Debug = 7 };

// Parses "error", "warning", "info", "debug"; nullopt for anything else.
std::optional<Level> parseLevel(std::string_view name);
void setLevel(Level level);
bool enabled(Level level);

void write(Level level, std::string_view component, std::string_view message);

inline void error(std::string_view c, std::string_view m) { write(Level::Error, c, m); }
inline void warning(std::string_view c, std::string_view m) { write(Level::Warning, c, m); }
inline void info(std::string_view c, std::string_view m) { write(Level::Info, c, m); }
inline void debug(std::string_view c, std::string_view m) {
    if (enabled(Level::Debug)) write(Level::Debug, c, m);
}

}  // namespace hub::log
