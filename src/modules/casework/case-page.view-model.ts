import type { AuthContext } from '../accounts/auth-context.ts';
import { findNeed } from '../directory/vocabulary.ts';
import type { PatientSummary } from '../people/people.model.ts';
import { mayAccessCase, todayOf, type CaseworkDeps } from './case-access.ts';
import type { SpCase } from './case.repository.ts';
import {
  findPatientLabels,
  findPracticeFacts,
  findReferralFacts,
  findStaffName,
  listStaffWithRole,
  type ReferralFacts,
} from './casework.peers.ts';
import {
  CASE_STATUS_LABELS,
  CONTACT_MODE_LABELS,
  ONWARD_STATUS_LABELS,
  ONWARD_STATUS_TAGS,
} from './casework.vocabulary.ts';
import { encodeShown, type ShownValues } from './change-conflict.ts';
import { countContacts, listContacts, type CaseContact } from './contact.repository.ts';
import { listMessagesBack, type MessageBackSummary } from './message-back.service.ts';
import { listOnwardReferrals } from './onward.repository.ts';
import { pcspStatus } from './plan-criteria.ts';
import { loadPlan } from './plan.service.ts';
import { listFlags, type SafeguardingFlag } from './safeguarding.repository.ts';
import { listTasksOfCase } from './task.repository.ts';
import { londonDate } from './working-days.ts';

// Everything the case page shows, gathered from the case's own tables and, through casework.peers.ts, the
// person, the referral and staff names.

export const URGENCY_TEXT: Record<string, string> = { routine: 'Routine', soon: 'Soon', urgent: 'Urgent' };

/** The fields of a case the conflict page compares, with their labels. */
export const CASE_FIELD_LABELS = {
  status: 'Status',
  linkWorker: 'Link worker',
  firstContact: 'First contact',
  nextContactDue: 'Next contact due',
  contacts: 'Contacts recorded',
  discharged: 'Discharged',
} as const;

/**
 * A case's fields as display strings, for the forms' `shown` field and the conflict page.
 * @param spCase - the case
 * @param extra - the link worker's name and how many contacts the case has
 */
export function caseShownValues(
  spCase: SpCase,
  extra: { linkWorker: string | null; contacts: number },
): ShownValues {
  return {
    status: CASE_STATUS_LABELS[spCase.status],
    linkWorker: extra.linkWorker ?? '',
    firstContact: spCase.firstContactAt === null ? '' : londonDate(spCase.firstContactAt),
    nextContactDue: spCase.nextContactDue ?? '',
    contacts: String(extra.contacts),
    discharged: spCase.dischargedAt === null ? '' : londonDate(spCase.dischargedAt),
  };
}

/**
 * The version and shown values a form about this case carries.
 * @param deps - the database and tenant
 * @param spCase - the case
 */
export async function caseFormState(
  deps: CaseworkDeps,
  spCase: SpCase,
): Promise<{ version: number; shown: string; values: ShownValues }> {
  const values = caseShownValues(spCase, {
    linkWorker: await findStaffName(deps.db, deps.tenant.id, spCase.linkWorkerId),
    contacts: await countContacts(deps.db, deps.tenant.id, spCase.id),
  });
  return { version: spCase.version, shown: encodeShown(values), values };
}

function contactRow(c: CaseContact, names: Map<string, string>): Record<string, unknown> {
  return {
    date: londonDate(c.occurredAt),
    mode: CONTACT_MODE_LABELS[c.mode],
    duration: c.durationMinutes === null ? '' : `${String(c.durationMinutes)} minutes`,
    attended: c.didNotAttend ? 'Did not attend' : 'Attended',
    notes: c.notes ?? '',
    recordedBy: c.recordedBy === null ? '' : (names.get(c.recordedBy) ?? ''),
  };
}

async function staffNames(deps: CaseworkDeps, ids: (string | null)[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    if (id !== null) {
      names.set(id, (await findStaffName(deps.db, deps.tenant.id, id)) ?? 'Unknown');
    }
  }
  return names;
}

function flagView(
  flag: SafeguardingFlag,
  names: Map<string, string>,
  caseHref: string,
): Record<string, unknown> {
  return {
    ...flag,
    escalatedToName: names.get(flag.escalatedTo) ?? '',
    raisedByName: names.get(flag.raisedBy) ?? '',
    resolveAction: `${caseHref}/safeguarding/${flag.id}/resolve`,
  };
}

export interface CasePageData {
  spCase: SpCase;
  person: PatientSummary | null;
  referral: ReferralFacts | undefined;
  messages: MessageBackSummary[];
  context: Record<string, unknown>;
}

/**
 * The case page's data and template context (forms empty; the controller adds values and errors).
 * @param deps - database, tenant and clock
 * @param spCase - the case
 * @param auth - who is looking (what they may do)
 */
export async function loadCasePage(
  deps: CaseworkDeps,
  spCase: SpCase,
  auth: AuthContext,
): Promise<CasePageData> {
  const { db } = deps;
  const tenantId = deps.tenant.id;
  const href = `/app/cases/${spCase.id}`;
  const [people, referral, contacts, bundle, onward, flags, tasks, messages, clinicians] = await Promise.all([
    findPatientLabels(db, tenantId, [spCase.patientId]),
    findReferralFacts(db, tenantId, spCase.referralId),
    listContacts(db, tenantId, spCase.id),
    loadPlan(db, tenantId, spCase.id),
    listOnwardReferrals(db, tenantId, spCase.id),
    listFlags(db, tenantId, spCase.id),
    listTasksOfCase(db, tenantId, spCase.id),
    listMessagesBack(db, tenantId, spCase.referralId),
    listStaffWithRole(db, tenantId, 'clinician'),
  ]);
  const found = people.get(spCase.patientId);
  // The registered practice if the record has one, else the practice the referral came from.
  const casePractice =
    found === undefined || found.practiceName === null
      ? await findPracticeFacts(db, tenantId, spCase.practiceId)
      : null;
  const person =
    found === undefined ? null : { ...found, practiceName: found.practiceName ?? casePractice?.name ?? null };
  const names = await staffNames(deps, [
    spCase.linkWorkerId,
    ...contacts.map((c) => c.recordedBy),
    ...flags.flatMap((f) => [f.escalatedTo, f.raisedBy]),
  ]);
  const today = todayOf(deps);
  const status = pcspStatus(bundle.plan.criteria);
  const canWrite = mayAccessCase(auth, spCase, 'write');
  const shown = caseShownValues(spCase, {
    linkWorker: spCase.linkWorkerId === null ? null : (names.get(spCase.linkWorkerId) ?? null),
    contacts: contacts.length,
  });
  const flagViews = flags.map((f) => flagView(f, names, href));
  return {
    spCase,
    person,
    referral,
    messages,
    context: {
      href,
      today,
      person,
      personHref: `/app/people/${spCase.patientId}`,
      referral:
        referral === undefined
          ? null
          : {
              ...referral,
              href: `/app/referrals/${referral.id}`,
              needLabels: referral.needs.map((n) => findNeed(n)?.label ?? n),
              urgencyText: URGENCY_TEXT[referral.urgency] ?? referral.urgency,
            },
      spCase: {
        ...spCase,
        statusLabel: CASE_STATUS_LABELS[spCase.status],
        linkWorkerName: spCase.linkWorkerId === null ? null : (names.get(spCase.linkWorkerId) ?? null),
        nextContactOverdue: spCase.nextContactDue !== null && spCase.nextContactDue < today,
      },
      openFlags: flagViews.filter((f) => f.resolvedAt === null),
      resolvedFlags: flagViews.filter((f) => f.resolvedAt !== null),
      contacts: contacts.map((c) => contactRow(c, names)),
      plan: {
        href: `${href}/plan`,
        printHref: `${href}/plan/print`,
        isPcsp: status.isPcsp,
        missing: status.missing,
        whatMatters: bundle.plan.whatMatters,
        goals: bundle.goals.length,
        actions: bundle.actionCount,
        reviewDate: bundle.plan.reviewDate,
        agreed: bundle.plan.agreedAt !== null,
      },
      onward: onward.map((o) => ({
        ...o,
        kindLabel: o.kind === 'referral' ? 'Referral' : 'Signpost',
        statusLabel: ONWARD_STATUS_LABELS[o.status],
        statusTag: ONWARD_STATUS_TAGS[o.status],
        overdue: o.status === 'sent' && o.respondBy !== null && o.respondBy < today,
      })),
      onwardHref: `${href}/onward`,
      dischargeHref: `${href}/discharge`,
      tasks: tasks.map((t) => ({ ...t, open: t.doneAt === null })),
      messages,
      canWrite,
      discharged: spCase.status === 'discharged',
      clinicianItems: [
        { value: '', text: 'Select a clinician' },
        ...clinicians.map((c) => ({ value: c.id, text: c.displayName })),
      ],
      version: spCase.version,
      shown: encodeShown(shown),
    },
  };
}
