import { sql, type Kysely } from 'kysely';

// A session's acting role is a composite foreign key (tenant_id, role_assignment_id). Plain ON DELETE SET
// NULL nulls every column of the key, tenant_id too, which its NOT NULL refuses: removing a role that a
// session was acting in failed. PostgreSQL 15's column list nulls only the role, so the session stays
// signed in and is asked to choose a role again.

const CONSTRAINT = 'user_session_tenant_id_role_assignment_id_fkey';

async function replaceForeignKey(db: Kysely<unknown>, onDelete: string): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE user_session DROP CONSTRAINT ${CONSTRAINT},
         ADD CONSTRAINT ${CONSTRAINT} FOREIGN KEY (tenant_id, role_assignment_id)
           REFERENCES role_assignment (tenant_id, id) ON DELETE ${onDelete}`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceForeignKey(db, 'SET NULL (role_assignment_id)');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await replaceForeignKey(db, 'SET NULL');
}
