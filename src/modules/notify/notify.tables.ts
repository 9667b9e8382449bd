import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Kysely table types of the notify module's tables (its migration, 2026_11_22_120000, is the source of truth).

export type NotifyChannel = 'email' | 'sms';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface NotifyOutboxTable {
  tenant_id: string;
  id: Generated<string>;
  channel: NotifyChannel;
  recipient: string;
  /** Required for email (a CHECK constraint); SMS has none. */
  subject: string | null;
  body_text: string;
  body_html: string | null;
  /** A name such as 'password-reset', for reporting. */
  template: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: Generated<number>;
  /** When a queued row is due; while `sending`, when the worker's claim on it lapses. */
  next_attempt_at: Timestamp;
  /** An error code and SMTP reply code only, never the reply text. */
  last_error: string | null;
  provider_message_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  sent_at: NullableTimestamp;
}

export type OutboxRow = Selectable<NotifyOutboxTable>;
export type NewOutboxRow = Insertable<NotifyOutboxTable>;
export type OutboxUpdate = Updateable<NotifyOutboxTable>;

export interface NotifyTables {
  notify_outbox: NotifyOutboxTable;
}
