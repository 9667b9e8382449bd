import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findNeed } from '../directory/vocabulary.ts';
import { findCaseById, type SpCase } from './case.repository.ts';
import {
  findPatientFacts,
  findPracticeFacts,
  findReferralFacts,
  findStaffName,
  type ReferralFacts,
} from './casework.peers.ts';
import type { MessageBackStage } from './casework.tables.ts';
import { ONWARD_STATUS_LABELS } from './casework.vocabulary.ts';
import { composeLetter, MESSAGE_BACK_SCHEMA, type MessageBackCoded } from './message-back.model.ts';
import {
  findMessageBackRecord,
  insertMessageBack,
  listMessageBackRecords,
  type MessageBackRecord,
} from './message-back.repository.ts';
import { renderLetterHtml, renderLetterPdf } from './message-back.render.ts';
import { listOnwardReferrals } from './onward.repository.ts';
import { londonDate } from './working-days.ts';

// The PRSB message back to the referrer and GP, written at acceptance, decline, first contact and
// discharge in the same transaction as the change it reports.

type Db = Kysely<Database>;

export interface MessageBackInput {
  stage: MessageBackStage;
  referralId: string;
  caseId: string | null;
  /** When the reported event happened. */
  occurredAt: Date;
  /** The SNOMED CT code written for the event, if any. */
  snomed: { code: string; term: string } | null;
  outcome: { code: string; label: string; detail: string | null };
  actorUserId: string | null;
}

const EVENT_LABELS: Record<MessageBackStage, string> = {
  accepted: 'Referral accepted',
  declined: 'Referral not taken on',
  'first-contact': 'First contact with the link worker',
  discharge: 'Discharged from social prescribing',
};

const dateOrNull = (d: Date | null): string | null => (d === null ? null : londonDate(d));

async function onwardSummary(
  trx: Db,
  tenantId: string,
  spCase: SpCase | undefined,
): Promise<MessageBackCoded['onwardReferrals']> {
  if (spCase === undefined) {
    return [];
  }
  const onward = await listOnwardReferrals(trx, tenantId, spCase.id);
  return onward.map((o) => ({
    service: o.serviceName,
    kind: o.kind === 'referral' ? 'referred' : 'signposted',
    status: ONWARD_STATUS_LABELS[o.status],
  }));
}

function referralPart(referral: ReferralFacts): MessageBackCoded['referral'] {
  return {
    id: referral.id,
    receivedOn: londonDate(referral.receivedAt),
    referrerName: referral.referrerName,
    referrerOrganisation: referral.referrerOrganisation,
  };
}

/**
 * Builds the coded summary of a message back from the referral, person, practice and case.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param input - the stage, event, code and outcome
 */
export async function buildMessageBackCoded(
  trx: Db,
  tenantId: string,
  input: MessageBackInput,
): Promise<MessageBackCoded> {
  const referral = await findReferralFacts(trx, tenantId, input.referralId);
  if (referral === undefined) {
    throw new Error('Message back for a referral that does not exist');
  }
  const spCase = input.caseId === null ? undefined : await findCaseById(trx, tenantId, input.caseId);
  const patient = await findPatientFacts(trx, tenantId, referral.patientId);
  if (patient === undefined) {
    throw new Error('Message back for a person who does not exist');
  }
  const practice = await findPracticeFacts(
    trx,
    tenantId,
    spCase?.practiceId ?? referral.practiceId ?? patient.practiceId,
  );
  const linkWorkerName = await findStaffName(trx, tenantId, spCase?.linkWorkerId ?? null);
  return {
    schema: MESSAGE_BACK_SCHEMA,
    stage: input.stage,
    event: { name: input.stage, label: EVENT_LABELS[input.stage], date: londonDate(input.occurredAt) },
    snomed: input.snomed,
    patient: { nhsNumber: patient.nhsNumber, name: patient.name, dateOfBirth: patient.dateOfBirth },
    practice: practice === null ? null : { name: practice.name, odsCode: practice.odsCode },
    referral: referralPart(referral),
    linkWorker: linkWorkerName === null ? null : { name: linkWorkerName },
    needs: referral.needs.map((code) => ({ code, label: findNeed(code)?.label ?? code })),
    dates: {
      referred: londonDate(referral.receivedAt),
      accepted: spCase === undefined ? null : londonDate(spCase.acceptedAt),
      firstContact: dateOrNull(spCase?.firstContactAt ?? null),
      discharged: dateOrNull(spCase?.dischargedAt ?? null),
    },
    onwardReferrals: await onwardSummary(trx, tenantId, spCase),
    outcome: input.outcome,
  };
}

/**
 * Writes the message back for an event: the coded summary and the letter made from it.
 * @param trx - the transaction of the change the message reports (call after the change)
 * @param tenantId - the tenant
 * @param input - the stage, event, code and outcome
 * @returns the message's id
 */
export async function writeMessageBack(trx: Db, tenantId: string, input: MessageBackInput): Promise<string> {
  const coded = await buildMessageBackCoded(trx, tenantId, input);
  return insertMessageBack(trx, tenantId, {
    referralId: input.referralId,
    caseId: input.caseId,
    stage: input.stage,
    bodyHtml: renderLetterHtml(composeLetter(coded)),
    coded,
    createdBy: input.actorUserId,
  });
}

export interface MessageBackSummary {
  id: string;
  stage: MessageBackStage;
  title: string;
  createdAt: Date;
  /** The letter's page. */
  href: string;
  pdfHref: string;
}

export interface MessageBack extends MessageBackSummary {
  referralId: string;
  caseId: string | null;
  /** The stored letter: trusted HTML rendered by Signpost's own autoescaped template. */
  bodyHtml: string;
  coded: MessageBackCoded;
}

function toMessageBack(record: MessageBackRecord): MessageBack {
  const href = `/app/referrals/${record.referralId}/messages/${record.id}`;
  return {
    id: record.id,
    referralId: record.referralId,
    caseId: record.caseId,
    stage: record.stage,
    title: composeLetter(record.coded).title,
    createdAt: record.createdAt,
    href,
    pdfHref: `${href}/pdf`,
    bodyHtml: record.bodyHtml,
    coded: record.coded,
  };
}

/**
 * A referral's messages back, oldest first, for the referral page (issue #4 part A).
 * @param db - the database
 * @param tenantId - the tenant
 * @param referralId - the referral
 */
export async function listMessagesBack(
  db: Db,
  tenantId: string,
  referralId: string,
): Promise<MessageBackSummary[]> {
  const records = await listMessageBackRecords(db, tenantId, referralId);
  return records.map((r) => {
    const { id, stage, title, createdAt, href, pdfHref } = toMessageBack(r);
    return { id, stage, title, createdAt, href, pdfHref };
  });
}

/**
 * One message back of a referral, or undefined.
 * @param db - the database
 * @param tenantId - the tenant
 * @param ids - the referral and the message
 */
export async function findMessageBack(
  db: Db,
  tenantId: string,
  ids: { referralId: string; messageId: string },
): Promise<MessageBack | undefined> {
  const record = await findMessageBackRecord(db, tenantId, ids);
  return record === undefined ? undefined : toMessageBack(record);
}

/**
 * The message's letter as a PDF, made from its coded summary (the same words as its HTML).
 * @param message - the message
 */
export async function messageBackPdf(message: MessageBack): Promise<Buffer> {
  return renderLetterPdf(composeLetter(message.coded), { createdAt: message.createdAt });
}
