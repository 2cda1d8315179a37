#pragma once
// mbedTLS failures surface as TlsError, a Poco::IOException: POCO's HTTPServerConnection
// and HTTPSession then treat a failed handshake or a bad record as a network error
// on that one connection (NetSSL's SSLException is not available without OpenSSL).
#include <Poco/Exception.h>

#include <string>

namespace hub::tls {

POCO_DECLARE_EXCEPTION(, TlsError, Poco::IOException)

// mbedtls_strerror text plus the numeric code, e.g. "X509 - Certificate verification failed (-0x2700)".
std::string mbedtlsErrorText(int code);

// Throws TlsError("<what>: <mbedtls text>") when ret is negative.
void throwOnError(int ret, const char* what);

}  // namespace hub::tls
