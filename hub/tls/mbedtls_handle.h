#pragma once
// RAII for mbedTLS contexts: init in the constructor, free in the destructor.
// Neither copyable nor movable, because several contexts (ctr_drbg, ssl_cache,
// ssl_ticket) embed a mutex and must stay where they were initialised; hold them
// by unique_ptr or as members when ownership has to travel.
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/x509_crt.h>

namespace hub::tls {

template <typename T, void (*Init)(T*), void (*Free)(T*)>
class MbedHandle {
public:
    MbedHandle() { Init(&value_); }
    ~MbedHandle() { Free(&value_); }
    MbedHandle(const MbedHandle&) = delete;
    MbedHandle& operator=(const MbedHandle&) = delete;

    T* get() { return &value_; }
    const T* get() const { return &value_; }

private:
    T value_;
};

using PkKey = MbedHandle<mbedtls_pk_context, mbedtls_pk_init, mbedtls_pk_free>;
using X509Chain = MbedHandle<mbedtls_x509_crt, mbedtls_x509_crt_init, mbedtls_x509_crt_free>;
using X509Writer = MbedHandle<mbedtls_x509write_cert, mbedtls_x509write_crt_init, mbedtls_x509write_crt_free>;
using SslConfig = MbedHandle<mbedtls_ssl_config, mbedtls_ssl_config_init, mbedtls_ssl_config_free>;
using SslContext = MbedHandle<mbedtls_ssl_context, mbedtls_ssl_init, mbedtls_ssl_free>;
using SslSession = MbedHandle<mbedtls_ssl_session, mbedtls_ssl_session_init, mbedtls_ssl_session_free>;
using SslCache = MbedHandle<mbedtls_ssl_cache_context, mbedtls_ssl_cache_init, mbedtls_ssl_cache_free>;
using SslTicketKeys = MbedHandle<mbedtls_ssl_ticket_context, mbedtls_ssl_ticket_init, mbedtls_ssl_ticket_free>;

}  // namespace hub::tls
