-- The language of each staff member's screens (the web app's labels), chosen
-- in the app and kept on the hub, so it follows them to any device and
-- sign-in (issue 17). English until they choose.
ALTER TABLE staff ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'bn'));
