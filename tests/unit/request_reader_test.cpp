// One request out of bytes however they arrive, and the framings a smuggling
// or memory-hungry client would try, refused.
#include "hub/net/request_reader.h"

#include "support/catch.h"

using hub::net::HttpRequest;
using hub::net::RequestLimits;
using hub::net::RequestReader;
using State = RequestReader::State;

namespace {

// Feeds `bytes` in pieces of `step` and returns the final state.
State feed(RequestReader& reader, std::string& input, const std::string& bytes, std::size_t step) {
    State state = State::Head;
    for (std::size_t at = 0; at < bytes.size(); at += step) {
        input += bytes.substr(at, step);
        state = reader.consume(input);
        if (state == State::Complete || state == State::Refused) break;
    }
    return state;
}

RequestLimits small() {
    RequestLimits limits;
    limits.maxHeadBytes = 256;
    limits.maxBodyBytes = 64;
    return limits;
}

}  // namespace

TEST_CASE("a request split anywhere is read whole, and the bytes after it stay for the next", "[net][reader]") {
    const std::string first = "POST /a?x=1 HTTP/1.1\r\nHost: hub\r\nContent-Length: 5\r\n\r\nhello";
    const std::string second = "GET /b HTTP/1.1\r\nHost: hub\r\n\r\n";
    for (std::size_t step : {std::size_t{1}, std::size_t{3}, std::size_t{17}, first.size() + second.size()}) {
        INFO("pieces of " << step);
        RequestReader reader;
        std::string input;
        REQUIRE(feed(reader, input, first + second, step) == State::Complete);
        HttpRequest request;
        reader.takeRequest(request);
        CHECK(request.getMethod() == "POST");
        CHECK(request.getURI() == "/a?x=1");
        CHECK(request.get("Host") == "hub");
        CHECK(request.body == "hello");
        // What arrived of the second request is still there, and reads as one.
        input += second.substr(std::min(second.size(), input.size()));
        REQUIRE(reader.consume(input) == State::Complete);
        reader.takeRequest(request);
        CHECK(request.getURI() == "/b");
        CHECK(request.body.empty());
        CHECK(input.empty());
    }
}

TEST_CASE("a chunked body is decoded, its extensions and trailers ignored", "[net][reader]") {
    const std::string bytes =
        "POST / HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n";
    for (std::size_t step : {std::size_t{1}, std::size_t{4}, bytes.size()}) {
        RequestReader reader;
        std::string input;
        REQUIRE(feed(reader, input, bytes, step) == State::Complete);
        HttpRequest request;
        reader.takeRequest(request);
        CHECK(request.body == "hello, world");
    }
}

TEST_CASE("empty lines before a request are skipped, and only then has its head started", "[net][reader]") {
    RequestReader reader;
    std::string input = "\r\n\r\n";
    CHECK(reader.consume(input) == State::Head);
    CHECK_FALSE(reader.startedHead());
    input += "GET";
    CHECK(reader.consume(input) == State::Head);
    CHECK(reader.startedHead());
    input += " / HTTP/1.1\r\n\r\n";
    CHECK(reader.consume(input) == State::Complete);
}

TEST_CASE("a client that waits for 100 Continue is told to go on, once", "[net][reader]") {
    RequestReader reader;
    std::string input = "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
    CHECK(reader.consume(input) == State::Body);
    CHECK(reader.takeContinueRequest());
    CHECK_FALSE(reader.takeContinueRequest());
    input += "ok";
    CHECK(reader.consume(input) == State::Complete);
}

TEST_CASE("framings a proxy could read differently, and sizes beyond the limits, are refused", "[net][reader]") {
    const auto refusal = [](const std::string& bytes) {
        RequestReader reader(small());
        std::string input = bytes;
        const State state = reader.consume(input);
        return state == State::Refused ? reader.refusal().status : 0;
    };
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") == 501);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n") == 413);
    CHECK(refusal("GET / HTTP/2.0\r\n\r\n") == 505);
    CHECK(refusal("GET /a?q=two words HTTP/1.1\r\n\r\n") == 400);
    CHECK(refusal("GARBAGE\r\n\r\n") == 400);
    CHECK(refusal("GET / HTTP/1.1\r\nX-Long: " + std::string(300, 'a') + "\r\n\r\n") == 431);
    CHECK(refusal("GET / HTTP/1.1\r\nX-Long: " + std::string(300, 'a')) == 431);  // no end in sight
    CHECK(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n") == 413);
    CHECK(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n") == 400);
    // Chunks that add up past the limit, each small.
    std::string many = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 20; ++i) many += "4\r\nabcd\r\n";
    CHECK(refusal(many) == 413);
}
