#include "hub/sync/file_bundle.h"

#include "hub/sync/sync_error.h"
#include "hub/sync/sync_settings.h"
#include "hub/tls/secure_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>

namespace hub::sync {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kMagic = "clinic-hub files v1\n";

void putNumber(std::string& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xffu));
}

struct Reader {
    std::string_view data;
    std::size_t at = 0;
    bool take(std::size_t n, std::string_view& out) {
        if (data.size() - at < n) return false;
        out = data.substr(at, n);
        at += n;
        return true;
    }
    bool number(std::uint64_t& v) {
        std::string_view raw;
        if (!take(8, raw)) return false;
        v = 0;
        for (char c : raw) v = (v << 8) | static_cast<unsigned char>(c);
        return true;
    }
};

bool safeRelativePath(const std::string& p) {
    if (p.empty() || p.front() == '/' || p.find('\0') != std::string::npos) return false;
    for (const auto& part : fs::path(p))
        if (part == ".." || part == ".") return false;
    return std::any_of(bundledDirectories.begin(), bundledDirectories.end(),
                       [&](const std::string& d) { return p.compare(0, d.size() + 1, d + "/") == 0; });
}

}  // namespace

std::string bundleFiles(const fs::path& dataDir) {
    std::vector<fs::path> files;
    for (const auto& dir : bundledDirectories) {
        if (!fs::is_directory(dataDir / dir)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(dataDir / dir))
            if (entry.is_regular_file() && entry.path().extension() != ".tmp") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::string out(kMagic);
    putNumber(out, files.size());
    for (const auto& file : files) {
        const std::string relative = fs::relative(file, dataDir).generic_string();
        struct stat st{};
        ::stat(file.c_str(), &st);
        const std::string contents = readPrivateFile(file);
        putNumber(out, relative.size());
        out += relative;
        putNumber(out, st.st_mode & 0777);
        putNumber(out, contents.size());
        out += contents;
    }
    return out;
}

std::vector<std::string> unpackFiles(std::string_view bundle, const fs::path& dataDir, const std::string& objectName) {
    auto bad = [&](const std::string& why) {
        return SyncError(SyncProblem::DamagedObject, "object " + objectName + " (the hub's files) is damaged: " + why,
                         objectName);
    };
    Reader r{bundle};
    std::string_view magic;
    std::uint64_t count = 0;
    if (!r.take(kMagic.size(), magic) || magic != kMagic || !r.number(count)) throw bad("not a file bundle");
    std::vector<std::string> written;
    for (std::uint64_t i = 0; i < count; ++i) {
        std::uint64_t nameLength = 0, mode = 0, size = 0;
        std::string_view name, contents;
        if (!r.number(nameLength) || !r.take(nameLength, name) || !r.number(mode) || !r.number(size) ||
            !r.take(size, contents))
            throw bad("it is cut short");
        const std::string relative(name);
        if (!safeRelativePath(relative)) throw bad("it names a file outside the hub's directories: " + relative);
        fs::create_directories((dataDir / relative).parent_path());
        tls::writeFileAtomically(dataDir / relative, contents, static_cast<mode_t>(mode & 0777));
        written.push_back(relative);
    }
    return written;
}

}  // namespace hub::sync
