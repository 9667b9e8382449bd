import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { createStaffTask } from '../casework/staff-task.service.ts';
import type { RedFlagsInput } from './navigate.schema.ts';
import { currentStep, type NavigationStep } from './navigate.state.ts';
import type { OfferedOption } from './navigation.tables.ts';
import {
  lockNavigationRecord,
  updateNavigationAtVersion,
  type NavigationChange,
  type NavigationRecord,
} from './navigation-record.repository.ts';
import { detectRedFlags } from './red-flag-detector.ts';
import {
  RED_FLAG_ACTIONS,
  RED_FLAG_OUTCOMES,
  type NavigationProtocol,
  type QuickPick,
} from './protocol.model.ts';

// The navigation flow's use cases (issue #5). Every step runs in one transaction on the locked record and
// only when the record is AT that step: the red-flag check first (the database refuses anything else too),
// so a double submit or a back-button resubmit finds the step done and changes nothing. A red flag, from
// the screen or from free text typed at any step, stops the navigation: the patient's words, the time and
// an urgent task for the duty clinician are written together.

type Db = Kysely<Database>;

export type StepResult<T> = { ok: true; value: T } | { ok: false; error: 'WrongStep' };

/**
 * Runs a step's change on the locked record, only if the record is at that step and at the version the
 * page showed.
 * @param db - the database
 * @param tenantId - the tenant
 * @param at - the record, the step the form belongs to and the version it was shown at
 * @param change - the change, in the transaction
 */
export async function inStep<T>(
  db: Db,
  tenantId: string,
  at: { id: string; step: NavigationStep; version: number | null },
  change: (trx: Transaction<Database>, record: NavigationRecord) => Promise<T>,
): Promise<StepResult<T>> {
  return db.transaction().execute(async (trx) => {
    const record = await lockNavigationRecord(trx, tenantId, at.id);
    if (
      record === undefined ||
      currentStep(record) !== at.step ||
      (at.version !== null && at.version !== record.version)
    ) {
      return { ok: false, error: 'WrongStep' };
    }
    return { ok: true, value: await change(trx, record) };
  });
}

/**
 * Writes a change at the record's version; the lock taken by inStep means it cannot have moved on.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param record - the locked record
 * @param set - the columns to set
 */
export async function writeStep(
  trx: Transaction<Database>,
  tenantId: string,
  record: NavigationRecord,
  set: NavigationChange,
): Promise<void> {
  if (!(await updateNavigationAtVersion(trx, tenantId, { id: record.id, version: record.version, set }))) {
    throw new Error('A locked navigation record changed underneath its step');
  }
}

export interface RaisedFlag {
  key: string;
  outcome: (typeof RED_FLAG_OUTCOMES)[number];
  source: 'screen' | 'free-text';
  words: string;
}

/**
 * The red flag a check raises, if any: the flag picked on the screen, or one whose phrases appear in
 * anything typed (both boxes, even with "None of these"), whichever is more urgent (the screen's on a tie).
 * The words recorded are everything written down of what the patient said, so none are lost.
 * @param input - the red-flag form
 * @param protocol - the protocol the navigation uses
 */
export function raisedFlag(input: RedFlagsInput, protocol: NavigationProtocol): RaisedFlag | null {
  const typed = [input.words, input.said].filter((t): t is string => t !== null);
  const words = typed.join('\n');
  const picked: RaisedFlag | null =
    input.kind === 'flag'
      ? { key: input.flag.key, outcome: input.flag.outcome, source: 'screen', words }
      : null;
  const detected = detectRedFlags(typed, protocol.content).decisive;
  const fromText: RaisedFlag | null =
    detected === undefined
      ? null
      : { key: detected.flag.key, outcome: detected.flag.outcome, source: 'free-text', words };
  const candidates = [picked, fromText].filter((f): f is RaisedFlag => f !== null);
  return (
    candidates.sort(
      (a, b) => RED_FLAG_OUTCOMES.indexOf(a.outcome) - RED_FLAG_OUTCOMES.indexOf(b.outcome),
    )[0] ?? null
  );
}

/**
 * Records a red flag: the flag, its source, the patient's words and the time; the navigation stops with
 * outcome 'red-flag'; an urgent task goes to the duty clinicians' queue (its title fixed in code, never the
 * patient's words). In the caller's transaction, on the locked record.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param escalation - the record, the flag, who and when, and anything else this step records
 */
export async function escalateRedFlag(
  trx: Transaction<Database>,
  tenantId: string,
  escalation: {
    record: NavigationRecord;
    flag: RaisedFlag;
    actorUserId: string;
    now: Date;
    alsoSet?: NavigationChange;
  },
): Promise<string> {
  const { record, flag, now } = escalation;
  const taskId = await createStaffTask(trx, tenantId, {
    kind: 'red-flag-escalation',
    title: RED_FLAG_ACTIONS[flag.outcome].taskTitle,
    priority: 'urgent',
    assignedTo: null,
    patientId: record.patientId,
    caseId: null,
    navigationId: record.id,
    dueAt: now,
    createdBy: escalation.actorUserId,
  });
  await writeStep(trx, tenantId, record, {
    ...escalation.alsoSet,
    red_flag_checked_at: record.redFlagCheckedAt ?? now,
    red_flag_outcome: flag.outcome,
    red_flag_key: flag.key,
    red_flag_source: flag.source,
    red_flag_words: flag.words,
    red_flag_at: now,
    escalation_task_id: taskId,
    outcome: 'red-flag',
    completed_at: now,
  });
  return taskId;
}

/**
 * Step 1: records the red-flag check ("none", or a red flag and its escalation).
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param check - the locked record, the form, the protocol, who and when
 * @returns the flag raised, or null for none
 */
export async function recordRedFlagCheck(
  trx: Transaction<Database>,
  tenantId: string,
  check: {
    record: NavigationRecord;
    input: RedFlagsInput;
    protocol: NavigationProtocol;
    actorUserId: string;
    now: Date;
  },
): Promise<RaisedFlag | null> {
  const flag = raisedFlag(check.input, check.protocol);
  if (flag !== null) {
    await escalateRedFlag(trx, tenantId, {
      record: check.record,
      flag,
      actorUserId: check.actorUserId,
      now: check.now,
    });
    return flag;
  }
  await writeStep(trx, tenantId, check.record, { red_flag_checked_at: check.now, red_flag_outcome: 'none' });
  return null;
}

/**
 * Step 2: records what the patient needs help with. Their words go through red-flag detection first: a
 * match stops the navigation exactly like a red flag on the screen.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param needs - the locked record, the quick pick and the words, the protocol, who and when
 * @returns the flag raised from the words, or null
 */
export async function recordNeeds(
  trx: Transaction<Database>,
  tenantId: string,
  needs: {
    record: NavigationRecord;
    /** Null only when the words hold a red flag (they stop the navigation before a pick is needed). */
    pick: QuickPick | null;
    text: string | null;
    protocol: NavigationProtocol;
    actorUserId: string;
    now: Date;
  },
): Promise<RaisedFlag | null> {
  const set: NavigationChange = { needs: needs.pick === null ? [] : [needs.pick.key], need_text: needs.text };
  const detected = detectRedFlags([needs.text], needs.protocol.content).decisive;
  if (detected !== undefined && needs.text !== null) {
    const flag: RaisedFlag = {
      key: detected.flag.key,
      outcome: detected.flag.outcome,
      source: 'free-text',
      words: needs.text,
    };
    await escalateRedFlag(trx, tenantId, {
      record: needs.record,
      flag,
      actorUserId: needs.actorUserId,
      now: needs.now,
      alsoSet: set,
    });
    return flag;
  }
  if (needs.pick === null) {
    throw new Error('Needs without a quick pick are recorded only when their words hold a red flag');
  }
  await writeStep(trx, tenantId, needs.record, set);
  return null;
}

/**
 * Records who the patient was handed over to after a red flag: once only.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param record - the locked, stopped record
 * @param handedTo - who, as typed (e.g. "Dr Patel, duty GP")
 * @returns false when a handover is already recorded
 */
export async function recordHandover(
  trx: Transaction<Database>,
  tenantId: string,
  record: NavigationRecord,
  handedTo: string,
): Promise<boolean> {
  if (record.redFlagHandedTo !== null) {
    return false;
  }
  await writeStep(trx, tenantId, record, { red_flag_handed_to: handedTo });
  return true;
}

/**
 * Stores the options as they were offered (with each service's capacity at that moment), the first time
 * they are shown.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param record - the locked record at the options step
 * @param options - the ranked options
 */
export async function recordOffered(
  trx: Transaction<Database>,
  tenantId: string,
  record: NavigationRecord,
  options: OfferedOption[],
): Promise<OfferedOption[]> {
  if (record.optionsOffered !== null) {
    return record.optionsOffered;
  }
  await writeStep(trx, tenantId, record, { options_offered: options });
  return options;
}
