CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    mrn TEXT NOT NULL UNIQUE,                         -- "26-000123"
    name TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other')),
    birth_date TEXT,                                  -- "YYYY-MM-DD"
    birth_date_approximate INTEGER NOT NULL DEFAULT 0 CHECK (birth_date_approximate IN (0, 1)),
    address TEXT NOT NULL DEFAULT '',
    guardian TEXT NOT NULL DEFAULT '',
    blood_group TEXT NOT NULL DEFAULT ''
        CHECK (blood_group IN ('', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
    allergies TEXT NOT NULL DEFAULT '',
    consent_sms INTEGER NOT NULL DEFAULT 0 CHECK (consent_sms IN (0, 1)),
    consent_whatsapp INTEGER NOT NULL DEFAULT 0 CHECK (consent_whatsapp IN (0, 1)),
    consent_updated_at INTEGER,
    preferred_language TEXT NOT NULL DEFAULT 'bn' CHECK (preferred_language IN ('en', 'bn', 'hi')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES staff (id)
);
-- NOCASE so that a 1-2 letter name search (shorter than a trigram) is an index range.
CREATE INDEX patients_name ON patients (name COLLATE NOCASE);

-- digits_reversed lets "last digits" searches use an index: '%5678' becomes
-- the prefix match '8765%'.
CREATE TABLE patient_phones (
    patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    e164 TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    digits_reversed TEXT NOT NULL,
    PRIMARY KEY (patient_id, e164)
);
CREATE INDEX patient_phones_e164 ON patient_phones (e164);
CREATE INDEX patient_phones_reversed ON patient_phones (digits_reversed);

CREATE TABLE patient_conditions (
    patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    code TEXT NOT NULL REFERENCES chronic_conditions (code),
    PRIMARY KEY (patient_id, code)
);

-- Record numbers run per registration year: 26-000001, 26-000002 ...
CREATE TABLE mrn_counters (
    year INTEGER PRIMARY KEY,
    last_serial INTEGER NOT NULL
);

CREATE VIRTUAL TABLE patients_name_index USING fts5 (
    name, content = 'patients', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER patients_index_insert AFTER INSERT ON patients BEGIN
    INSERT INTO patients_name_index (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER patients_index_delete AFTER DELETE ON patients BEGIN
    INSERT INTO patients_name_index (patients_name_index, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER patients_index_update AFTER UPDATE OF name ON patients BEGIN
    INSERT INTO patients_name_index (patients_name_index, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO patients_name_index (rowid, name) VALUES (new.id, new.name);
END;
