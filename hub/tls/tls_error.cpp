#include "hub/tls/tls_error.h"

#include <mbedtls/error.h>

#include <cstdio>
#include <typeinfo>

namespace hub::tls {

POCO_IMPLEMENT_EXCEPTION(TlsError, Poco::IOException, "TLS error")

std::string mbedtlsErrorText(int code) {
    char text[200];
    mbedtls_strerror(code, text, sizeof text);
    char number[24];
    std::snprintf(number, sizeof number, " (-0x%04X)", static_cast<unsigned>(code < 0 ? -code : code));
    return std::string(text) + number;
}

void throwOnError(int ret, const char* what) {
    if (ret < 0) throw TlsError(what, mbedtlsErrorText(ret));
}

}  // namespace hub::tls
