#include "hub/net/request_reader.h"

#include <Poco/String.h>

#include <algorithm>
#include <charconv>
#include <sstream>

namespace hub::net {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::size_t maxChunkLineBytes = 1024;  // size, extensions, or one trailer line

bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Content-Length: one decimal number. "5, 5" (a list of equal values) is allowed by
// RFC 9110 but never sent by a real client; refusing it keeps one reading of the body.
std::optional<std::size_t> parseLength(const std::string& value) {
    const std::string v = Poco::trim(value);
    if (!allDigits(v) || v.size() > 18) return std::nullopt;
    std::size_t n = 0;
    std::from_chars(v.data(), v.data() + v.size(), n);
    return n;
}

std::optional<std::size_t> parseChunkSize(std::string_view line) {
    const std::string_view digits = line.substr(0, line.find_first_of("; \t"));
    if (digits.empty() || digits.size() > 15) return std::nullopt;
    std::size_t n = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n, 16);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
    return n;
}

}  // namespace

RequestReader::State RequestReader::refuse(int status, std::string message) {
    refusal_ = Refusal{status, std::move(message)};
    return state_ = State::Refused;
}

bool RequestReader::takeContinueRequest() { return std::exchange(continueWanted_, false); }

RequestReader::State RequestReader::consume(std::string& input) {
    if (state_ == State::Head) state_ = readHead(input);
    if (state_ == State::Body) state_ = chunked_ ? readChunked(input) : readBody(input);
    return state_;
}

RequestReader::State RequestReader::readHead(std::string& input) {
    // A client may send empty lines before a request (RFC 9112 2.2): skip them.
    if (!startedHead_) {
        std::size_t skip = 0;
        while (input.compare(skip, crlf.size(), crlf) == 0) skip += crlf.size();
        if (skip > 0) input.erase(0, skip);
        if (input.empty()) return State::Head;
        startedHead_ = true;
    }
    const std::size_t end = input.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (input.size() > limits_.maxHeadBytes) return refuse(431, "the request head is too large");
        return State::Head;
    }
    if (end + 4 > limits_.maxHeadBytes) return refuse(431, "the request head is too large");
    try {
        std::istringstream in(input.substr(0, end + 4));
        head_.read(in);
    } catch (const Poco::Exception&) {
        return refuse(400, "the request head is malformed");
    }
    input.erase(0, end + 4);
    const std::string& version = head_.getVersion();
    if (version.size() != 8 || version.rfind("HTTP/", 0) != 0)  // e.g. a target with a space in it
        return refuse(400, "the request line is malformed (is the target URL-encoded?)");
    if (version != Poco::Net::HTTPMessage::HTTP_1_1 && version != Poco::Net::HTTPMessage::HTTP_1_0)
        return refuse(505, "only HTTP/1.0 and HTTP/1.1 are served");

    const bool hasLength = head_.has(Poco::Net::HTTPMessage::CONTENT_LENGTH);
    const bool hasCoding = head_.has(Poco::Net::HTTPMessage::TRANSFER_ENCODING);
    if (hasLength && hasCoding) return refuse(400, "a request must not carry both Content-Length and Transfer-Encoding");
    if (hasCoding) {
        if (Poco::icompare(Poco::trim(head_.get(Poco::Net::HTTPMessage::TRANSFER_ENCODING)), "chunked") != 0)
            return refuse(501, "only the chunked transfer coding is understood");
        chunked_ = true;
    } else if (hasLength) {
        // Several Content-Length fields are one field to POCO's collection only by luck of order: count them.
        const auto lengths = std::count_if(head_.begin(), head_.end(), [](const auto& field) {
            return Poco::icompare(field.first, Poco::Net::HTTPMessage::CONTENT_LENGTH) == 0;
        });
        const auto length = parseLength(head_.get(Poco::Net::HTTPMessage::CONTENT_LENGTH));
        if (lengths != 1 || !length) return refuse(400, "the Content-Length header is not one number");
        if (*length > limits_.maxBodyBytes)
            return refuse(413, "request body exceeds " + std::to_string(limits_.maxBodyBytes) + " bytes");
        contentLength_ = *length;
    }
    const bool bodyFollows = chunked_ || contentLength_ > 0;
    continueWanted_ = bodyFollows && input.empty() &&
                      Poco::icompare(head_.get("Expect", ""), "100-continue") == 0 &&
                      head_.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1;
    return State::Body;
}

RequestReader::State RequestReader::readBody(std::string& input) {
    const std::size_t take = std::min(contentLength_ - body_.size(), input.size());
    body_.append(input, 0, take);
    input.erase(0, take);
    return body_.size() == contentLength_ ? State::Complete : State::Body;
}

RequestReader::State RequestReader::readChunked(std::string& input) {
    std::size_t at = 0;
    // Consumed bytes are erased once, at the end: a large body arriving in many
    // small chunks must not be copied once per chunk.
    const auto finish = [&](State s) {
        input.erase(0, at);
        return s;
    };
    for (;;) {
        if (chunkPart_ == ChunkPart::Data) {
            const std::size_t take = std::min(chunkLeft_, input.size() - at);
            body_.append(input, at, take);
            at += take;
            chunkLeft_ -= take;
            if (chunkLeft_ > 0) return finish(State::Body);
            chunkPart_ = ChunkPart::DataEnd;
        }
        const std::size_t eol = input.find(crlf, at);
        if (eol == std::string::npos) {
            if (input.size() - at > maxChunkLineBytes) return refuse(400, "a chunk line is too long");
            return finish(State::Body);
        }
        const std::string_view line(input.data() + at, eol - at);
        at = eol + crlf.size();
        switch (chunkPart_) {
        case ChunkPart::DataEnd:
            if (!line.empty()) return refuse(400, "a chunk is longer than its size says");
            chunkPart_ = ChunkPart::Size;
            break;
        case ChunkPart::Size: {
            const auto size = parseChunkSize(line);
            if (!size) return refuse(400, "a chunk size is not a hexadecimal number");
            if (*size > limits_.maxBodyBytes - body_.size())
                return refuse(413, "request body exceeds " + std::to_string(limits_.maxBodyBytes) + " bytes");
            chunkLeft_ = *size;
            chunkPart_ = *size == 0 ? ChunkPart::Trailer : ChunkPart::Data;
            break;
        }
        case ChunkPart::Trailer:
            if (line.empty()) return finish(State::Complete);  // trailers, if any, are ignored
            trailerBytes_ += line.size();
            if (trailerBytes_ > limits_.maxHeadBytes) return refuse(431, "the chunked body's trailer is too large");
            break;
        case ChunkPart::Data:
            break;  // handled above
        }
    }
}

void RequestReader::takeRequest(HttpRequest& into) {
    static_cast<Poco::Net::HTTPRequest&>(into) = head_;
    into.body = std::move(body_);
    *this = RequestReader(limits_);
}

}  // namespace hub::net
