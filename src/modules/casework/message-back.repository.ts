import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { MessageBackStage } from './casework.tables.ts';
import type { MessageBackCoded } from './message-back.model.ts';

// SQL for the messages back to the referrer and GP: written once, never changed.

type Db = Kysely<Database>;

export interface MessageBackRecord {
  id: string;
  referralId: string;
  caseId: string | null;
  stage: MessageBackStage;
  bodyHtml: string;
  coded: MessageBackCoded;
  createdAt: Date;
}

/**
 * Stores a message back.
 * @param trx - the transaction of the change the message reports
 * @param tenantId - the tenant
 * @param message - the referral, case, stage, letter HTML and coded summary, and who caused it
 * @returns its id
 */
export async function insertMessageBack(
  trx: Db,
  tenantId: string,
  message: {
    referralId: string;
    caseId: string | null;
    stage: MessageBackStage;
    bodyHtml: string;
    coded: MessageBackCoded;
    createdBy: string | null;
  },
): Promise<string> {
  const { id } = await trx
    .insertInto('message_back')
    .values({
      tenant_id: tenantId,
      referral_id: message.referralId,
      case_id: message.caseId,
      stage: message.stage,
      body_html: message.bodyHtml,
      coded: JSON.stringify(message.coded),
      created_by: message.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const COLUMNS = ['id', 'referral_id', 'case_id', 'stage', 'body_html', 'coded', 'created_at'] as const;

function toRecord(r: {
  id: string;
  referral_id: string;
  case_id: string | null;
  stage: MessageBackStage;
  body_html: string;
  coded: unknown;
  created_at: Date;
}): MessageBackRecord {
  return {
    id: r.id,
    referralId: r.referral_id,
    caseId: r.case_id,
    stage: r.stage,
    bodyHtml: r.body_html,
    // Written only by insertMessageBack from a MessageBackCoded.
    coded: r.coded as MessageBackCoded,
    createdAt: r.created_at,
  };
}

/**
 * A referral's messages back, oldest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param referralId - the referral
 */
export async function listMessageBackRecords(
  db: Db,
  tenantId: string,
  referralId: string,
): Promise<MessageBackRecord[]> {
  const rows = await db
    .selectFrom('message_back')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('referral_id', '=', referralId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/**
 * One message back of a referral, or undefined.
 * @param db - the database
 * @param tenantId - the tenant
 * @param ids - the referral and the message
 */
export async function findMessageBackRecord(
  db: Db,
  tenantId: string,
  ids: { referralId: string; messageId: string },
): Promise<MessageBackRecord | undefined> {
  const row = await db
    .selectFrom('message_back')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('referral_id', '=', ids.referralId)
    .where('id', '=', ids.messageId)
    .executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}
