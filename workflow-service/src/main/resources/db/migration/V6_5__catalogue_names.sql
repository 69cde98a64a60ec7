-- Contract 1.1 (issue 14, printable forms): the forms print the office's and the procedure's names, not their ids.
-- From motcua.catalogue.v1 like the office tree (full state each time, the newest registration wins). A version
-- between 6 and 7 so it never collides with the next migration of the dossier's read model.
ALTER TABLE office ADD COLUMN name VARCHAR(255);

CREATE TABLE catalogue_procedure (
    code            VARCHAR(64)   NOT NULL PRIMARY KEY,
    name            TEXT          NOT NULL,
    processing_days NUMERIC(6, 1) NOT NULL,
    published_at    TIMESTAMPTZ   NOT NULL
);
