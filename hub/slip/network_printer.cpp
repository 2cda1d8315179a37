#include "hub/slip/network_printer.h"

#include "hub/core/error.h"
#include "hub/core/log.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

namespace hub::slip {
namespace {

Poco::Timespan span(std::chrono::milliseconds ms) { return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000); }

}  // namespace

NetworkPrinter::NetworkPrinter(std::string address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

void NetworkPrinter::send(std::string_view job) {
    std::lock_guard lock(mutex_);
    const auto fail = [&](const std::string& why) {
        log::warning("slip", "printer " + address_ + ": " + why);
        return Error(ErrorCode::Unavailable,
                     "the printer at " + address_ + " " + why + ": check that it is switched on, has paper and is "
                     "connected to the clinic network", "printer.address");
    };
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(address_), span(timeout_));
        socket.setSendTimeout(span(timeout_));
        std::size_t sent = 0;
        while (sent < job.size()) {
            const int n = socket.sendBytes(job.data() + sent, static_cast<int>(job.size() - sent));
            if (n <= 0) throw fail("stopped taking data");
            sent += static_cast<std::size_t>(n);
        }
        socket.shutdownSend();
        socket.close();
    } catch (const Poco::Net::ConnectionRefusedException&) {
        throw fail("refused the connection");
    } catch (const Poco::TimeoutException&) {
        throw fail("did not answer within " + std::to_string(timeout_.count()) + " ms");
    } catch (const Poco::Exception& e) {
        throw fail("could not be reached (" + e.displayText() + ")");
    }
}

}  // namespace hub::slip
