import { sql, type Kysely } from 'kysely';

// The notify outbox (src/modules/notify/README.md): a message is inserted in the same transaction as the
// change that causes it, and a worker delivers it afterwards. `next_attempt_at` is when a queued row is
// due, and, while a row is `sending`, when its claim lapses (a worker that died mid-send).
// `last_error` holds an error code and SMTP reply code only, never the reply text (it can echo addresses).

const statements = [
  `CREATE TABLE notify_outbox (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     channel text NOT NULL CHECK (channel IN ('email', 'sms')),
     recipient text NOT NULL,
     subject text,
     body_text text NOT NULL,
     body_html text,
     template text NOT NULL,
     status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
     attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
     next_attempt_at timestamptz NOT NULL DEFAULT now(),
     last_error text,
     provider_message_id text,
     created_at timestamptz NOT NULL DEFAULT now(),
     sent_at timestamptz,
     PRIMARY KEY (tenant_id, id),
     CHECK (channel <> 'email' OR subject IS NOT NULL),
     CHECK ((status = 'sent') = (sent_at IS NOT NULL))
   )`,
  // The delivery query: due rows by status, oldest first, across tenants.
  `CREATE INDEX notify_outbox_due_idx ON notify_outbox (status, next_attempt_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS notify_outbox').execute(db);
}
