-- Every consent a patient gave or withdrew, per purpose: the truth about
-- consent. patients.consent_sms / consent_whatsapp are a view of the newest
-- entry for their purpose, kept by the trigger below; nothing else writes them.
-- Rows are only ever added (the history is part of the record).
CREATE TABLE consent_ledger (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    purpose TEXT NOT NULL
        CHECK (purpose IN ('sms_reminders', 'whatsapp_reminders', 'prescription_sharing', 'research')),
    state TEXT NOT NULL CHECK (state IN ('given', 'withdrawn')),
    recorded_at INTEGER NOT NULL,
    recorded_by INTEGER REFERENCES staff (id),
    recorded_by_username TEXT NOT NULL,
    -- verbal: said at the desk; signed_form: a paper form the clinic keeps;
    -- patient_choice: the patient chose it themselves; migrated: the flag the
    -- record held before the ledger existed.
    method TEXT NOT NULL CHECK (method IN ('verbal', 'signed_form', 'patient_choice', 'migrated')),
    -- The version of the consent text the patient was shown ("sms-v1").
    text_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consent_ledger_patient ON consent_ledger (patient_id, purpose, id);

CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only');
END;
CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only');
END;
CREATE TRIGGER consent_ledger_view AFTER INSERT ON consent_ledger
    WHEN new.purpose IN ('sms_reminders', 'whatsapp_reminders')
BEGIN
    UPDATE patients SET
        consent_sms = CASE WHEN new.purpose = 'sms_reminders' THEN new.state = 'given' ELSE consent_sms END,
        consent_whatsapp = CASE WHEN new.purpose = 'whatsapp_reminders' THEN new.state = 'given'
                                ELSE consent_whatsapp END,
        consent_updated_at = new.recorded_at
    WHERE id = new.patient_id;
END;

-- Today's flags become the ledger's first entries.
INSERT INTO consent_ledger (patient_id, purpose, state, recorded_at, recorded_by, recorded_by_username, method)
    SELECT id, 'sms_reminders', 'given', COALESCE(consent_updated_at, updated_at), NULL, 'migration', 'migrated'
    FROM patients WHERE consent_sms = 1;
INSERT INTO consent_ledger (patient_id, purpose, state, recorded_at, recorded_by, recorded_by_username, method)
    SELECT id, 'whatsapp_reminders', 'given', COALESCE(consent_updated_at, updated_at), NULL, 'migration', 'migrated'
    FROM patients WHERE consent_whatsapp = 1;

-- A patient's request to have their record deleted (anonymised), walked
-- through requested -> eligibility_checked -> approved | rejected -> executed.
-- Each step keeps who took it, when and why. The free-text note is cleared when
-- the request is executed (it may name the person).
CREATE TABLE data_requests (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    kind TEXT NOT NULL CHECK (kind IN ('anonymise')),
    state TEXT NOT NULL
        CHECK (state IN ('requested', 'eligibility_checked', 'approved', 'rejected', 'executed')),
    -- How the patient asked: in_person, phone, letter, email.
    channel TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'letter', 'email')),
    note TEXT NOT NULL DEFAULT '',
    requested_at INTEGER NOT NULL,
    requested_by INTEGER REFERENCES staff (id),
    checked_at INTEGER,
    eligible INTEGER CHECK (eligible IN (0, 1)),
    -- Why the record may or may not be anonymised yet (the retention policy,
    -- open visits or tokens, unpaid bills ...), one reason per line.
    eligibility_detail TEXT NOT NULL DEFAULT '',
    reviewed_at INTEGER,
    reviewed_by INTEGER REFERENCES staff (id),
    review_reason TEXT NOT NULL DEFAULT '',
    executed_at INTEGER,
    executed_by INTEGER REFERENCES staff (id),
    ledger_id INTEGER REFERENCES deletion_ledger (id)
);
CREATE INDEX data_requests_patient ON data_requests (patient_id);
CREATE INDEX data_requests_state ON data_requests (state, id);

-- The clinic's retention policy: one row.
CREATE TABLE retention_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- Records are kept at least this many years after the patient's last visit
    -- (or registration); 0: no minimum.
    minimum_keep_years INTEGER NOT NULL DEFAULT 0 CHECK (minimum_keep_years BETWEEN 0 AND 100),
    -- Records are anonymised automatically this many years after the last
    -- visit by the nightly job; NULL: never.
    auto_anonymise_after_years INTEGER CHECK (auto_anonymise_after_years BETWEEN 1 AND 100),
    -- Whether an anonymisation also clears the visits' free-text notes.
    clear_notes INTEGER NOT NULL DEFAULT 0 CHECK (clear_notes IN (0, 1)),
    updated_at INTEGER NOT NULL DEFAULT 0,
    updated_by INTEGER REFERENCES staff (id)
);
INSERT INTO retention_policy (id) VALUES (1);

-- What each run of automatic anonymisation did.
CREATE TABLE retention_runs (
    id INTEGER PRIMARY KEY,
    ran_at INTEGER NOT NULL,
    -- Patients whose last visit is before this were due.
    cutoff INTEGER NOT NULL,
    anonymised INTEGER NOT NULL,
    -- Due but skipped (open visits, tokens, unpaid bills), with reasons.
    skipped INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
