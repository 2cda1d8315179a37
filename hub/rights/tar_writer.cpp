#include "hub/rights/tar_writer.h"

#include "hub/core/error.h"

#include <array>
#include <cstring>
#include <fstream>

namespace hub::rights {
namespace {

// width-1 octal digits, zero-padded, and a NUL, as ustar wants.
void octal(char* field, std::size_t width, std::uint64_t value) {
    field[width - 1] = '\0';
    for (std::size_t i = width - 1; i-- > 0;) {
        field[i] = static_cast<char>('0' + (value & 7));
        value >>= 3;
    }
    if (value != 0) throw Error(ErrorCode::Internal, "a tar header field overflowed");
}

}  // namespace

void TarWriter::header(std::string_view name, std::uint64_t size) {
    if (name.empty() || name.size() > 100) throw Error(ErrorCode::Internal, "tar entry name must be 1-100 bytes");
    std::array<char, 512> h{};
    std::memcpy(h.data(), name.data(), name.size());
    octal(h.data() + 100, 8, 0644);   // mode
    octal(h.data() + 108, 8, 0);      // uid
    octal(h.data() + 116, 8, 0);      // gid
    octal(h.data() + 124, 12, size);  // size
    octal(h.data() + 136, 12, static_cast<std::uint64_t>(mtime_));
    std::memset(h.data() + 148, ' ', 8);  // checksum counts itself as spaces
    h[156] = '0';                         // a regular file
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    unsigned sum = 0;
    for (char c : h) sum += static_cast<unsigned char>(c);
    octal(h.data() + 148, 7, sum);  // six digits and a NUL, then the space
    h[155] = ' ';
    out_.write(h.data(), static_cast<std::streamsize>(h.size()));
}

void TarWriter::pad(std::uint64_t size) {
    static const char zeros[512] = {};
    if (const auto rest = size % 512) out_.write(zeros, static_cast<std::streamsize>(512 - rest));
}

void TarWriter::addFile(std::string_view name, std::string_view content) {
    header(name, content.size());
    out_.write(content.data(), static_cast<std::streamsize>(content.size()));
    pad(content.size());
}

void TarWriter::addFileFrom(std::string_view name, const std::filesystem::path& source) {
    const auto size = std::filesystem::file_size(source);
    header(name, size);
    std::ifstream in(source, std::ios::binary);
    if (!in) throw Error(ErrorCode::Internal, "cannot read " + source.string());
    std::array<char, 64 * 1024> buffer{};
    std::uint64_t copied = 0;
    while (in && copied < size) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::uint64_t>(in.gcount());
        out_.write(buffer.data(), static_cast<std::streamsize>(n));
        copied += n;
    }
    if (copied != size) throw Error(ErrorCode::Internal, source.string() + " changed while it was archived");
    pad(size);
}

void TarWriter::finish() {
    static const char zeros[1024] = {};
    out_.write(zeros, sizeof zeros);
    out_.flush();
}

}  // namespace hub::rights
