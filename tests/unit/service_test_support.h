#pragma once
// Small helpers the service tests share: the hub::Error a call throws, and the
// whole audit trail in id order.
#include "hub/core/error.h"
#include "hub/store/audit_repository.h"
#include "hub/store/database.h"

#include "support/catch.h"

#include <functional>
#include <vector>

namespace hub::testing {

// The hub::Error fn throws; the test fails if it throws none.
inline Error errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no hub::Error thrown");
    return Error(ErrorCode::Internal, "unreachable");
}

inline std::vector<store::AuditRecord> auditTrailOf(store::Database& db) {
    return db.read([](store::Connection& c) {
        std::vector<store::AuditRecord> all;
        store::AuditRepository(c).forEachInIdOrder([&](const store::AuditRecord& r) {
            all.push_back(r);
            return true;
        });
        return all;
    });
}

}  // namespace hub::testing
