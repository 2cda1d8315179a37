#pragma once
// A network receipt printer on raw TCP (port 9100, "JetDirect"): the job's
// bytes go down one connection, which is then closed. Errors name the
// printer's address and come back within the timeout, so a printer that is
// off never holds a request worker.
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

namespace hub::slip {

class NetworkPrinter {
public:
    // address: "192.168.1.50:9100" or "[fd00::50]:9100" (an IP address: a name
    // lookup could hang past any timeout).
    explicit NetworkPrinter(std::string address, std::chrono::milliseconds timeout = std::chrono::seconds(3));

    const std::string& address() const { return address_; }

    // Connects, sends every byte of job, closes. One job at a time: most
    // printers serve a single connection on 9100. Throws
    // Error(Unavailable, field "printer.address") when the printer refuses,
    // does not answer within the timeout, or stops taking data.
    void send(std::string_view job);

private:
    std::string address_;
    std::chrono::milliseconds timeout_;
    std::mutex mutex_;
};

}  // namespace hub::slip
