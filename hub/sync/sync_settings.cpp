#include "hub/sync/sync_settings.h"

#include "hub/core/error.h"
#include "hub/tls/secure_file.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

namespace hub::sync {
namespace {

std::string hhmm(int minute) {
    const int h = minute / 60 % 24, m = minute % 60;
    return std::string{static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                       static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
}

std::optional<int> parseHhmm(const std::string& s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

}  // namespace

std::string windowText(const SyncWindow& w) { return hhmm(w.startMinute) + "-" + hhmm(w.endMinute); }

SyncWindow parseWindow(const std::string& text, const std::string& field) {
    const auto dash = text.find('-');
    const auto start = dash == std::string::npos ? std::nullopt : parseHhmm(text.substr(0, dash));
    const auto end = dash == std::string::npos ? std::nullopt : parseHhmm(text.substr(dash + 1));
    if (!start || !end || *start == *end)
        throw invalidInput(field, "the window must be two different times, HH:MM-HH:MM (for example 01:00-05:00)");
    return {*start, *end};
}

std::string readPrivateFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorCode::Unavailable, "cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writePrivateFile(const std::filesystem::path& file, std::string_view contents) {
    std::filesystem::create_directories(file.parent_path());
    std::filesystem::permissions(file.parent_path(), std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
    tls::writeFileAtomically(file, contents, 0600);
}

void checkSettings(const SyncSettings& s) {
    checkTarget(s.target);
    auto count = [](int v, const char* field, int max) {
        if (v < 0 || v > max) throw invalidInput(field, std::string(field) + " must be 0 to " + std::to_string(max));
    };
    count(s.retention.daily, "retention_daily", 366);
    count(s.retention.weekly, "retention_weekly", 520);
    count(s.retention.monthly, "retention_monthly", 1200);
    if (s.fullEveryDays < 1 || s.fullEveryDays > 365) throw invalidInput("full_every_days", "full_every_days must be 1 to 365");
    if (s.window.startMinute == s.window.endMinute || s.window.startMinute < 0 || s.window.startMinute >= 1440 ||
        s.window.endMinute < 0 || s.window.endMinute >= 1440)
        throw invalidInput("window", "the window must be two different times of day");
}

std::optional<SyncSettings> loadSettings(const SyncPaths& paths) {
    if (!std::filesystem::exists(paths.settings())) return std::nullopt;
    try {
        Poco::JSON::Parser parser;
        const auto o = parser.parse(readPrivateFile(paths.settings())).extract<Poco::JSON::Object::Ptr>();
        SyncSettings s;
        s.target.endpoint = o->getValue<std::string>("endpoint");
        s.target.bucket = o->getValue<std::string>("bucket");
        s.target.prefix = o->optValue<std::string>("prefix", "");
        s.target.region = o->getValue<std::string>("region");
        s.target.pathStyle = o->getValue<bool>("path_style");
        s.target.caFile = o->optValue<std::string>("ca_file", "");
        s.target.credentials.accessKeyId = o->getValue<std::string>("access_key_id");
        s.target.bandwidthLimitBytesPerSecond = o->optValue<std::uint64_t>("bandwidth_limit_bytes_per_second", 0);
        s.window = parseWindow(o->getValue<std::string>("window"), "window");
        s.retention.daily = o->getValue<int>("retention_daily");
        s.retention.weekly = o->getValue<int>("retention_weekly");
        s.retention.monthly = o->getValue<int>("retention_monthly");
        s.fullEveryDays = o->getValue<int>("full_every_days");
        std::string secret = readPrivateFile(paths.secretKey());
        while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
        s.target.credentials.secretKey = secret;
        return s;
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Unavailable, paths.settings().string() + " is unreadable: " + e.what());
    }
}

void saveSettings(const SyncPaths& paths, const SyncSettings& s) {
    Poco::JSON::Object o;
    o.set("endpoint", s.target.endpoint);
    o.set("bucket", s.target.bucket);
    o.set("prefix", s.target.prefix);
    o.set("region", s.target.region);
    o.set("path_style", s.target.pathStyle);
    o.set("ca_file", s.target.caFile);
    o.set("access_key_id", s.target.credentials.accessKeyId);
    o.set("bandwidth_limit_bytes_per_second", s.target.bandwidthLimitBytesPerSecond);
    o.set("window", windowText(s.window));
    o.set("retention_daily", s.retention.daily);
    o.set("retention_weekly", s.retention.weekly);
    o.set("retention_monthly", s.retention.monthly);
    o.set("full_every_days", s.fullEveryDays);
    std::ostringstream text;
    o.stringify(text, 2);
    writePrivateFile(paths.secretKey(), s.target.credentials.secretKey);
    writePrivateFile(paths.settings(), text.str() + "\n");
}

}  // namespace hub::sync
