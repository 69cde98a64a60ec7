-- The catalogue's office tree as workflow knows it, from motcua.catalogue.v1 (OfficeRegistered, full state each
-- time, the newest registeredAt wins). Only what the access rules need: an office grants every office below it.
CREATE TABLE office (
    office_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    parent_id     VARCHAR(64),
    registered_at TIMESTAMPTZ NOT NULL
);
