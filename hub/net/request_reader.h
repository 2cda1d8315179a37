#pragma once
// Reads one HTTP/1.1 request out of the bytes a connection has received so
// far, however they were split: the head (request line and headers) and the
// body, by Content-Length or chunked. Pure: no sockets, so every framing rule
// is tested on byte strings (tests/unit/request_reader_test.cpp).
//
// Refusals are what a proxy-smuggling or memory-exhausting client would try:
// a head over maxHeadBytes (431), a body over maxBodyBytes (413), both
// Content-Length and Transfer-Encoding, a Content-Length that is not one
// number, a transfer coding other than chunked (400/501).
#include "hub/net/http_message.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hub::net {

struct RequestLimits {
    std::size_t maxHeadBytes = 16 * 1024;
    std::size_t maxBodyBytes = 1024 * 1024;
};

class RequestReader {
public:
    enum class State {
        Head,      // waiting for the rest of the head
        Body,      // head read; waiting for body bytes
        Complete,  // request() is ready
        Refused,   // refusal() says why; the connection must close after answering
    };

    struct Refusal {
        int status = 400;
        std::string message;
    };

    explicit RequestReader(RequestLimits limits = {}) : limits_(limits) {}

    // Consumes what it can from the front of `input` (erasing it) and says
    // where the request stands. Bytes after a complete request stay in
    // `input`: they are the next request (pipelining).
    State consume(std::string& input);

    State state() const { return state_; }
    bool startedHead() const { return startedHead_; }   // a byte of this request has arrived
    std::size_t bodyBytesReceived() const { return body_.size(); }
    // True once, right after the head, when the client waits for "100 Continue"
    // before sending its body.
    bool takeContinueRequest();
    const Refusal& refusal() const { return refusal_; }

    // REQUIRES: state() == Complete. Moves the request out and resets the
    // reader for the next one on the same connection.
    void takeRequest(HttpRequest& into);

private:
    State readHead(std::string& input);
    State readBody(std::string& input);
    State readChunked(std::string& input);
    State refuse(int status, std::string message);

    RequestLimits limits_;
    State state_ = State::Head;
    bool startedHead_ = false;
    HttpRequest head_;
    std::string body_;
    bool chunked_ = false;
    std::size_t contentLength_ = 0;
    bool continueWanted_ = false;
    // Chunked decoding: bytes left in the current chunk, or a size line next.
    enum class ChunkPart { Size, Data, DataEnd, Trailer } chunkPart_ = ChunkPart::Size;
    std::size_t chunkLeft_ = 0;
    std::size_t trailerBytes_ = 0;
    Refusal refusal_;
};

}  // namespace hub::net
