-- One database and one login per service: no service can read another's tables.
-- Runs once, when the postgres volume is empty. Passwords are for a laptop only: change them anywhere else.
CREATE ROLE intake LOGIN PASSWORD 'intake';
CREATE DATABASE intake OWNER intake;

CREATE ROLE workflow LOGIN PASSWORD 'workflow';
CREATE DATABASE workflow OWNER workflow;

CREATE ROLE reporting LOGIN PASSWORD 'reporting';
CREATE DATABASE reporting OWNER reporting;

-- Nobody but the owner (and the superuser) may connect.
REVOKE CONNECT ON DATABASE intake, workflow, reporting FROM PUBLIC;
