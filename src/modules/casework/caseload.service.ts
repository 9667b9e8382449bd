import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PatientSummary } from '../people/people.model.ts';
import { loadCaseworkSettings, type CaseworkSettings } from './case.repository.ts';
import {
  countAllocatedSince,
  selectOpenCases,
  selectOverdueActions,
  type OpenCaseRow,
  type OverdueActionRow,
} from './caseload.repository.ts';
import { findPatientLabels } from './casework.peers.ts';
import { addDays, londonDate, workingDaysBetween } from './working-days.ts';

// The link worker's caseload dashboard: who needs contact, whose review is due, overdue plan actions,
// the people allocated but not yet contacted (with the first-contact target), open safeguarding flags,
// and the counts against capacity (DOMAIN.md 1.4: norms, not limits).

type Db = Kysely<Database>;

/** Days without an attended contact after which a person needs contact. */
export const CONTACT_GAP_DAYS = 14;
/** Reviews due within this many days are listed. */
export const REVIEW_NOTICE_DAYS = 7;

export type TargetState = 'met' | 'due' | 'missed';

export interface CaseloadEntry extends OpenCaseRow {
  person: PatientSummary | null;
  /** The earlier of the plan's and the case's review dates. */
  reviewDate: string | null;
  /** Whole days since the last attended contact, or null when none. */
  daysSinceContact: number | null;
  /** Why this person needs contact, when they do. */
  contactReason: 'due' | 'gap' | null;
  /** For people not yet contacted: working days since allocation and the first-contact target's state. */
  waitingWorkingDays: number | null;
  firstContactTarget: TargetState | null;
}

export interface CaseloadDashboard {
  linkWorkerId: string;
  today: string;
  settings: CaseworkSettings;
  counts: {
    open: number;
    inContact: number;
    waitingForFirstContact: number;
    allocatedThisYear: number;
  };
  needsContact: CaseloadEntry[];
  reviewsDue: CaseloadEntry[];
  overdueActions: (OverdueActionRow & { person: PatientSummary | null })[];
  waitingList: CaseloadEntry[];
  safeguarding: CaseloadEntry[];
  active: CaseloadEntry[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) {
    return b;
  }
  return b === null || a <= b ? a : b;
}

function toEntry(
  row: OpenCaseRow,
  person: PatientSummary | undefined,
  ctx: { today: string; firstContactDays: number },
): CaseloadEntry {
  const lastContact = row.lastContactAt === null ? null : londonDate(row.lastContactAt);
  const daysSinceContact = lastContact === null ? null : daysBetween(lastContact, ctx.today);
  const contacted = row.firstContactAt !== null;
  const due = row.nextContactDue !== null && row.nextContactDue <= ctx.today;
  const gap = daysSinceContact !== null && daysSinceContact >= CONTACT_GAP_DAYS;
  const waitingWorkingDays =
    contacted || row.allocatedAt === null ? null : workingDaysBetween(londonDate(row.allocatedAt), ctx.today);
  return {
    ...row,
    person: person ?? null,
    reviewDate: earliest(row.planReviewDate, row.reviewDue),
    daysSinceContact,
    contactReason: contacted && due ? 'due' : contacted && gap ? 'gap' : null,
    waitingWorkingDays,
    firstContactTarget:
      waitingWorkingDays === null
        ? null
        : waitingWorkingDays > ctx.firstContactDays
          ? 'missed'
          : waitingWorkingDays === ctx.firstContactDays
            ? 'due'
            : 'met',
  };
}

/**
 * Everything on a link worker's caseload dashboard, in a handful of indexed queries.
 * @param db - the database
 * @param tenantId - the tenant
 * @param linkWorkerId - the link worker
 * @param today - today in England, 'YYYY-MM-DD'
 */
export async function loadCaseloadDashboard(
  db: Db,
  tenantId: string,
  linkWorkerId: string,
  today: string,
): Promise<CaseloadDashboard> {
  const settings = await loadCaseworkSettings(db, tenantId);
  const rows = await selectOpenCases(db, tenantId, linkWorkerId, today);
  const ids = rows.map((r) => r.id);
  const [people, overdue, allocatedThisYear] = await Promise.all([
    findPatientLabels(
      db,
      tenantId,
      rows.map((r) => r.patientId),
    ),
    selectOverdueActions(db, tenantId, ids, today),
    countAllocatedSince(db, tenantId, linkWorkerId, new Date(`${addDays(today, -365)}T00:00:00Z`)),
  ]);
  const ctx = { today, firstContactDays: settings.firstContactWorkingDays };
  const entries = rows.map((r) => toEntry(r, people.get(r.patientId), ctx));
  const inContact = entries.filter((e) => e.firstContactAt !== null);
  const reviewBy = addDays(today, REVIEW_NOTICE_DAYS);
  const patientOfCase = new Map(entries.map((e) => [e.id, e.person]));
  return {
    linkWorkerId,
    today,
    settings,
    counts: {
      open: entries.length,
      inContact: inContact.length,
      waitingForFirstContact: entries.length - inContact.length,
      allocatedThisYear,
    },
    needsContact: inContact.filter((e) => e.contactReason !== null),
    reviewsDue: inContact
      .filter((e) => e.reviewDate !== null && e.reviewDate <= reviewBy)
      .sort((a, b) => (a.reviewDate ?? '').localeCompare(b.reviewDate ?? '')),
    overdueActions: overdue.map((a) => ({ ...a, person: patientOfCase.get(a.caseId) ?? null })),
    waitingList: entries
      .filter((e) => e.firstContactAt === null)
      .sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime()),
    safeguarding: entries.filter((e) => e.openFlagSince !== null),
    active: inContact,
  };
}
