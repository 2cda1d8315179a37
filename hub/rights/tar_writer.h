#pragma once
// A POSIX ustar archive written straight to a stream, one file at a time, so
// an archive of any size is written with one file's worth of memory. Files
// too large for memory are copied from a spool file on disk.
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

namespace hub::rights {

class TarWriter {
public:
    // mtime: unix seconds stamped on every entry.
    TarWriter(std::ostream& out, std::int64_t mtime) : out_(out), mtime_(mtime) {}

    // name: at most 100 bytes, '/'-separated. Throws Error(Internal) otherwise.
    void addFile(std::string_view name, std::string_view content);
    void addFileFrom(std::string_view name, const std::filesystem::path& source);
    // The two zero blocks that end an archive. Call once, last.
    void finish();

private:
    void header(std::string_view name, std::uint64_t size);
    void pad(std::uint64_t size);

    std::ostream& out_;
    std::int64_t mtime_;
};

}  // namespace hub::rights
