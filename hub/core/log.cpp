#include "hub/core/log.h"

#include <atomic>
#include <cstdlib>
#include <unistd.h>

namespace hub::log {
namespace {

std::atomic<int> threshold{static_cast<int>(Level::Info)};
const bool toJournal = std::getenv("JOURNAL_STREAM") != nullptr;

const char* levelName(Level level) {
    switch (level) {
        case Level::Error: return "error";
        case Level::Warning: return "warning";
        case Level::Info: return "info";
        case Level::Debug: return "debug";
    }
    return "info";
}

}  // namespace

std::optional<Level> parseLevel(std::string_view name) {
    for (Level l : {Level::Error, Level::Warning, Level::Info, Level::Debug})
        if (name == levelName(l)) return l;
    return std::nullopt;
}

void setLevel(Level level) { threshold = static_cast<int>(level); }

bool enabled(Level level) { return static_cast<int>(level) <= threshold.load(); }

void write(Level level, std::string_view component, std::string_view message) {
    if (!enabled(level)) return;
    std::string line;
    line.reserve(component.size() + message.size() + 16);
    if (toJournal) {
        line += '<';
        line += static_cast<char>('0' + static_cast<int>(level));
        line += '>';
    } else {
        line += levelName(level);
        line += ' ';
    }
    line += component;
    line += ": ";
    // One event, one line: a newline inside a message would forge a second event.
    for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
    line += '\n';
    // A single write(2) keeps lines from concurrent threads whole.
    [[maybe_unused]] auto n = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace hub::log
