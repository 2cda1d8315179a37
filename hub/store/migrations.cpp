#include "hub/store/migrations.h"

#include "hub/store/schema_billing.h"
#include "hub/store/schema_display.h"
#include "hub/store/schema_opd.h"
#include "hub/store/schema_safeguards.h"
#include "hub/store/schema_sync.h"

namespace hub::store {
namespace {

// Times are unix seconds (INTEGER). Every table declares a PRIMARY KEY: the
// nightly sync ships changesets from SQLite's session extension, which ignores
// tables without one.
constexpr std::string_view migration1 = R"sql(
CREATE TABLE clinic (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'Asia/Dhaka',
    box_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'doctor', 'receptionist', 'nurse', 'cashier')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);

-- Only SHA-256 hashes of the session and CSRF tokens are stored: a copy of the
-- database does not let anyone sign in.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    csrf_hash BLOB NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    client_address TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_staff ON sessions (staff_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Append-only and hash-chained (see hub/audit). AUTOINCREMENT keeps ids from
-- being reused, so sqlite_sequence remembers the newest id ever written.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id INTEGER,
    actor_username TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id TEXT NOT NULL DEFAULT '',
    patient_id INTEGER,
    client_address TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_actor ON audit_events (actor_id);
CREATE INDEX audit_events_patient ON audit_events (patient_id);
CREATE INDEX audit_events_at ON audit_events (at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
)sql";

const Migration all[] = {
    {1, migration1},
    {2, schema::clinicProfile},
    {3, schema::patients},
    {4, schema::queues},
    {5, schema::visits},
    {6, schema::displays},
    {7, schema::safeguards},
    {8, schema::deletionLedger},
    // Billing is 0011 in the merge order (0009 job runner, 0010 patient rights);
    // numbered 9 on its own branch so the versions stay gapless until those land.
    {9, schema::billing},
};

}  // namespace

std::span<const Migration> migrations() { return all; }

}  // namespace hub::store
