ALTER TABLE clinic ADD COLUMN name_bn TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN email TEXT NOT NULL DEFAULT '';
-- ISO 3166 region whose local phone formats reception types ('BD' or 'IN').
ALTER TABLE clinic ADD COLUMN country TEXT NOT NULL DEFAULT 'BD';
-- Comma-separated, from en, bn, hi.
ALTER TABLE clinic ADD COLUMN languages TEXT NOT NULL DEFAULT 'en,bn';
ALTER TABLE clinic ADD COLUMN letterhead_tagline TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN letterhead_footer TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN registration_number TEXT NOT NULL DEFAULT '';
-- per_doctor: each doctor's tokens run A-001, A-002 ...; shared: one sequence.
ALTER TABLE clinic ADD COLUMN token_numbering TEXT NOT NULL DEFAULT 'per_doctor'
    CHECK (token_numbering IN ('per_doctor', 'shared'));
ALTER TABLE clinic ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE doctors (
    staff_id INTEGER PRIMARY KEY REFERENCES staff (id),
    name_en TEXT NOT NULL,
    name_bn TEXT NOT NULL DEFAULT '',
    qualifications TEXT NOT NULL DEFAULT '',          -- "MBBS, FCPS (Medicine)"
    registration_number TEXT NOT NULL DEFAULT '',     -- BMDC / NMC number
    specialty TEXT NOT NULL DEFAULT '',
    room TEXT NOT NULL DEFAULT '',
    token_prefix TEXT NOT NULL UNIQUE,                -- "A"
    consultation_fee INTEGER NOT NULL DEFAULT 0 CHECK (consultation_fee >= 0),  -- whole taka/rupees
    schedule TEXT NOT NULL DEFAULT '',                -- "Sat-Thu 17:00-21:00", shown to patients
    updated_at INTEGER NOT NULL
);

CREATE TABLE chronic_conditions (
    code TEXT PRIMARY KEY,                            -- "diabetes"
    label_en TEXT NOT NULL,
    label_bn TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO chronic_conditions (code, label_en, label_bn, position) VALUES
    ('diabetes', 'Diabetes', 'ডায়াবেটিস', 1),
    ('hypertension', 'Hypertension', 'উচ্চ রক্তচাপ', 2),
    ('asthma', 'Asthma', 'হাঁপানি', 3),
    ('copd', 'COPD', 'সিওপিডি', 4),
    ('ckd', 'Chronic kidney disease', 'কিডনি রোগ', 5),
    ('heart_disease', 'Heart disease', 'হৃদরোগ', 6),
    ('thyroid', 'Thyroid disorder', 'থাইরয়েড', 7),
    ('epilepsy', 'Epilepsy', 'মৃগী', 8),
    ('pregnancy', 'Pregnancy', 'গর্ভাবস্থা', 9),
    ('tuberculosis', 'Tuberculosis', 'যক্ষ্মা', 10),
    ('arthritis', 'Arthritis', 'বাত', 11),
    ('depression', 'Depression', 'বিষণ্ণতা', 12);
