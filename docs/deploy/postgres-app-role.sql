-- The application's PostgreSQL role for a production deployment. Run as the schema owner (the role in
-- MIGRATION_DATABASE_URL) in the Signpost database, after `npm run migrate`; then start Signpost with
-- DATABASE_URL set to this role and MIGRATION_DATABASE_URL to the owner. The application role:
--   * does not own the tables, so the row-level security policies bind it to the tenant its connections
--     name (signpost.tenant_id, set by Signpost on every connection);
--   * may read and append the audit trail but never change or delete it.
-- test/security/app-role.int.test.ts runs this file and proves both.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'signpost_app') THEN
    CREATE ROLE signpost_app LOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO signpost_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO signpost_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO signpost_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM signpost_app;
-- Tables that later migrations create (run by the owner) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO signpost_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO signpost_app;
