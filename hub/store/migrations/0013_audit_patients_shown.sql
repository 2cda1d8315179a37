-- Which patients an audit event showed in a list - the results of a search -
-- so that a patient's access report ("who looked at my record") finds the
-- searches that showed them by an index, not by reading every search event.
-- The event's hashed detail names the same ids ("patients 12,40"); this table
-- is an index of it, written in the same transaction as the event. Ids only:
-- like the trail, it never holds a name or a phone.
CREATE TABLE audit_patients_shown (
    patient_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL REFERENCES audit_events (id),
    PRIMARY KEY (patient_id, event_id)
) WITHOUT ROWID;

-- The searches made before this table existed: their detail reads
-- "results N; patients 12,40; query hmac-sha256 ..." ("patients -" for none).
-- A detail of another shape is skipped rather than guessed at.
INSERT OR IGNORE INTO audit_patients_shown (patient_id, event_id)
SELECT CAST(j.value AS INTEGER), s.id
FROM (SELECT id,
             '[' || substr(detail, instr(detail, '; patients ') + 11,
                           instr(detail, '; query ') - instr(detail, '; patients ') - 11) || ']' AS ids
      FROM audit_events
      WHERE action = 'patient.search' AND outcome = 'success'
        AND instr(detail, '; patients ') > 0 AND instr(detail, '; query ') > instr(detail, '; patients ')) AS s,
     json_each(CASE WHEN json_valid(s.ids) THEN s.ids ELSE '[]' END) AS j
WHERE j.type = 'integer';
