#pragma once
// A listening socket whose accepted connections speak TLS. acceptConnection() only
// accepts and wraps the descriptor; the handshake runs later on the worker thread
// (see tls_stream_socket.h), so the accepting thread is never held by a slow client.
//
//   Poco::Net::HTTPServer server(factory, pool, TlsServerSocket(holder, address), params);
#include "hub/tls/tls_server_context.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/ServerSocketImpl.h>

#include <memory>

namespace hub::tls {

class TlsServerSocketImpl : public Poco::Net::ServerSocketImpl {
public:
    explicit TlsServerSocketImpl(std::shared_ptr<const TlsServerContextHolder> contexts);

    // Each connection takes the context current at accept time and keeps it.
    Poco::Net::SocketImpl* acceptConnection(Poco::Net::SocketAddress& clientAddress) override;
    bool secure() const override { return true; }

protected:
    ~TlsServerSocketImpl() override = default;

private:
    std::shared_ptr<const TlsServerContextHolder> contexts_;
};

class TlsServerSocket : public Poco::Net::ServerSocket {
public:
    // Binds (SO_REUSEADDR) and listens. Port 0 picks a free port: see address().port().
    TlsServerSocket(std::shared_ptr<const TlsServerContextHolder> contexts, const Poco::Net::SocketAddress& address,
                    int backlog = 64);
};

}  // namespace hub::tls
