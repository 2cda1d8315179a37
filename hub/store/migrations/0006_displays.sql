CREATE TABLE displays (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- 128 random bits, base64url: the secret in the display's URL.
    display_key TEXT NOT NULL UNIQUE,
    languages TEXT NOT NULL DEFAULT 'both' CHECK (languages IN ('en', 'bn', 'both')),
    bangla_numerals INTEGER NOT NULL DEFAULT 0 CHECK (bangla_numerals IN (0, 1)),
    theme TEXT NOT NULL DEFAULT 'dark' CHECK (theme IN ('dark', 'light', 'high-contrast')),
    notice TEXT NOT NULL DEFAULT '',
    show_initial INTEGER NOT NULL DEFAULT 0 CHECK (show_initial IN (0, 1)),
    show_welcome_qr INTEGER NOT NULL DEFAULT 0 CHECK (show_welcome_qr IN (0, 1)),
    sound TEXT NOT NULL DEFAULT 'speech' CHECK (sound IN ('speech', 'chime', 'off')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- The doctors a display shows, in screen order; none means every active doctor.
CREATE TABLE display_doctors (
    display_id INTEGER NOT NULL REFERENCES displays (id) ON DELETE CASCADE,
    doctor_id INTEGER NOT NULL REFERENCES doctors (staff_id),
    position INTEGER NOT NULL,
    PRIMARY KEY (display_id, doctor_id)
);
CREATE INDEX display_doctors_doctor ON display_doctors (doctor_id);
