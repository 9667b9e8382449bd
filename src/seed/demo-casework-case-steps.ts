import { findCaseById, type SpCase } from '../modules/casework/case.repository.ts';
import { countContacts } from '../modules/casework/contact.repository.ts';
import { recordContact } from '../modules/casework/contact.service.ts';
import { dischargeCase } from '../modules/casework/discharge.service.ts';
import { listOnwardReferrals } from '../modules/casework/onward.repository.ts';
import {
  createOnwardReferral,
  searchOnwardServices,
  updateOnwardStatus,
} from '../modules/casework/onward.service.ts';
import { insertAction, insertGoal, markActionDone } from '../modules/casework/plan.repository.ts';
import { loadPlan, savePlan } from '../modules/casework/plan.service.ts';
import { listFlags } from '../modules/casework/safeguarding.repository.ts';
import { raiseConcern, resolveConcern } from '../modules/casework/safeguarding.service.ts';
import type { DirectorySearchHit } from '../modules/directory/search/search.types.ts';
import {
  backdateConcern,
  backdateContacts,
  backdateDischarge,
  backdateOnward,
  backdatePlan,
} from './demo-casework.repository.ts';
import { staffMember, type StoryDeps } from './demo-casework-steps.ts';
import type { DemoOnward, DemoStory } from './demo-casework.types.ts';
import { hashString } from './demo-random.ts';

// Writing the rest of a story on its case through the casework services (contacts, plan, onward
// referrals, safeguarding, discharge), each step in one transaction with its timestamps moved back to the
// story's dates, and each skipped when an earlier run already did it.

export interface CaseStepSettings {
  /** The seeding moment (contacts on the seeding day happen "now"). */
  now: Date;
  onwardResponseDays: number;
  capacityStaleDays: number;
  listingStaleDays: number;
  publicBaseUrl: string;
}

export interface CaseDeps extends StoryDeps {
  settings: CaseStepSettings;
  /** Directory search results by need and postcode sector (many stories search the same). */
  services: Map<string, DirectorySearchHit[]>;
}

async function currentCase(deps: CaseDeps, caseId: string): Promise<SpCase> {
  const spCase = await findCaseById(deps.db, deps.tenantId, caseId);
  if (spCase === undefined) {
    throw new Error(`Demo case ${caseId} disappeared`);
  }
  return spCase;
}

function worker(deps: CaseDeps, story: DemoStory): string {
  return staffMember(deps, story.worker ?? 'lw1').userId;
}

async function writeContacts(deps: CaseDeps, story: DemoStory, spCase: SpCase): Promise<void> {
  if (story.contacts.length === 0 || (await countContacts(deps.db, deps.tenantId, spCase.id)) > 0) {
    return;
  }
  await deps.db.transaction().execute(async (trx) => {
    let version = spCase.version;
    for (const c of story.contacts) {
      const result = await recordContact(trx, deps.tenantId, {
        caseId: spCase.id,
        expectedVersion: version,
        input: {
          date: c.date,
          mode: c.mode,
          didNotAttend: c.didNotAttend,
          durationMinutes: c.didNotAttend ? null : c.minutes,
          notes: c.notes,
          nextContactDue: c.nextDue,
        },
        actorUserId: worker(deps, story),
        now: deps.settings.now,
      });
      if (!result.ok) {
        throw new Error(`Demo contact of story ${story.key} failed: ${result.error}`);
      }
      version = result.version;
    }
    await backdateContacts(trx, deps.tenantId, spCase.id);
  });
}

async function writePlan(deps: CaseDeps, story: DemoStory, caseId: string): Promise<void> {
  const { plan } = story;
  const current = await loadPlan(deps.db, deps.tenantId, caseId);
  if (plan === null || current.plan.version > 1 || current.goals.length > 0) {
    return;
  }
  const at = new Date(`${plan.date}T15:00:00Z`);
  const actorUserId = worker(deps, story);
  await deps.db.transaction().execute(async (trx) => {
    const spCase = await findCaseById(trx, deps.tenantId, caseId);
    if (spCase === undefined) {
      return;
    }
    const input = {
      whatMatters: plan.whatMatters,
      needs: plan.needs,
      needsNotes: null,
      criteria: plan.criteria,
      reviewDate: plan.reviewDate,
      agreedDate: plan.agreed ? plan.date : null,
      sharedWith: plan.sharedWith,
    };
    const saved = await savePlan(trx, deps.tenantId, {
      spCase,
      expectedVersion: current.plan.version,
      input,
      actorUserId,
      now: at,
    });
    if (!saved.ok) {
      throw new Error(`Demo plan of story ${story.key} failed: ${saved.error}`);
    }
    const done: { actionId: string; at: Date }[] = [];
    for (const goal of plan.goals) {
      const goalId = await insertGoal(trx, deps.tenantId, { caseId, text: goal.text });
      for (const action of goal.actions) {
        const actionId = await insertAction(trx, deps.tenantId, {
          caseId,
          goalId,
          text: action.text,
          owner: action.owner,
          dueDate: action.due,
        });
        if (action.doneOn !== null) {
          await markActionDone(trx, deps.tenantId, { caseId, actionId });
          done.push({ actionId, at: new Date(`${action.doneOn}T14:00:00Z`) });
        }
      }
    }
    await backdatePlan(trx, deps.tenantId, { caseId, at, done });
  });
}

async function findService(
  deps: CaseDeps,
  story: DemoStory,
  onward: DemoOnward,
  postcode: string,
): Promise<DirectorySearchHit | undefined> {
  // Searched around the postcode sector (`LS6 1`), so neighbours share one search.
  const sector = postcode.slice(0, -2).trim();
  const cacheKey = `${onward.need}|${sector}`;
  let hits = deps.services.get(cacheKey);
  if (hits === undefined) {
    const found = await searchOnwardServices(deps.db, {
      tenantId: deps.tenantId,
      search: { text: '', needs: [onward.need], postcode: sector },
      now: deps.settings.now,
      capacityStaleDays: deps.settings.capacityStaleDays,
      listingStaleDays: deps.settings.listingStaleDays,
    });
    hits = found.ok ? [...found.taking.slice(0, 5), ...found.notTaking.slice(0, 1)] : [];
    deps.services.set(cacheKey, hits);
  }
  return hits[hashString(`${story.key}:${onward.need}`) % Math.max(hits.length, 1)];
}

async function writeOnward(
  deps: CaseDeps,
  story: DemoStory,
  spCase: SpCase,
  postcode: string,
): Promise<void> {
  if (
    story.onward.length === 0 ||
    (await listOnwardReferrals(deps.db, deps.tenantId, spCase.id)).length > 0
  ) {
    return;
  }
  const chosen: { onward: DemoOnward; service: DirectorySearchHit }[] = [];
  for (const onward of story.onward) {
    const service = await findService(deps, story, onward, postcode);
    // Without a demo directory (or a service for the need) the link worker would not refer: neither do we.
    if (service !== undefined) {
      chosen.push({ onward, service });
    }
  }
  const actorUserId = worker(deps, story);
  await deps.db.transaction().execute(async (trx) => {
    for (const { onward, service } of chosen) {
      const created = await createOnwardReferral(trx, deps.tenantId, {
        spCase,
        input: { serviceId: service.id, kind: onward.kind, reason: onward.reason, shareConsent: true },
        actorUserId,
        now: onward.at,
        responseDays: deps.settings.onwardResponseDays,
        capacityStaleDays: deps.settings.capacityStaleDays,
      });
      if (!created.ok) {
        throw new Error(
          `Demo onward referral of story ${story.key} failed: ${JSON.stringify(created.issues)}`,
        );
      }
      for (const step of onward.steps) {
        const input = {
          status: step.status,
          declineReason: step.declineReason,
          waitlistWeeks: step.weeks,
          note: step.note,
        };
        await updateOnwardStatus(trx, deps.tenantId, {
          caseId: spCase.id,
          onwardId: created.id,
          input,
          actorUserId,
        });
      }
      await backdateOnward(trx, deps.tenantId, {
        id: created.id,
        referralId: spCase.referralId,
        createdAt: onward.at,
        statuses: onward.steps.map((s) => ({ status: s.status, at: s.at })),
      });
    }
  });
}

async function writeSafeguarding(deps: CaseDeps, story: DemoStory, spCase: SpCase): Promise<void> {
  const concern = story.safeguarding;
  if (concern === null || (await listFlags(deps.db, deps.tenantId, spCase.id)).length > 0) {
    return;
  }
  await deps.db.transaction().execute(async (trx) => {
    const { flagId, taskId } = await raiseConcern(trx, deps.tenantId, {
      spCase,
      description: concern.description,
      clinicianId: staffMember(deps, concern.clinician).userId,
      actorUserId: worker(deps, story),
      publicBaseUrl: deps.settings.publicBaseUrl,
    });
    await backdateConcern(trx, deps.tenantId, { flagId, taskId, at: concern.at });
    if (concern.resolved !== null) {
      const { at, resolution } = concern.resolved;
      await resolveConcern(trx, deps.tenantId, { caseId: spCase.id, flagId, resolution, now: at });
    }
  });
}

async function writeDischarge(deps: CaseDeps, story: DemoStory, spCase: SpCase): Promise<void> {
  const { discharge } = story;
  if (discharge === null || spCase.status === 'discharged') {
    return;
  }
  await deps.db.transaction().execute(async (trx) => {
    const result = await dischargeCase(trx, deps.tenantId, {
      caseId: spCase.id,
      expectedVersion: spCase.version,
      input: { reason: discharge.reason, summary: discharge.summary },
      actorUserId: worker(deps, story),
      now: discharge.at,
    });
    if (!result.ok) {
      throw new Error(`Demo discharge of story ${story.key} failed: ${result.error}`);
    }
    await backdateDischarge(trx, deps.tenantId, { caseId: spCase.id, at: discharge.at });
  });
}

/**
 * Writes what happened on a story's case after acceptance, in order, skipping what is already there.
 * @param deps - database, tenant, staff, settings and the service search cache
 * @param story - the story
 * @param c - the case, and the person's postcode (onward services are searched near it)
 */
export async function writeCaseSteps(
  deps: CaseDeps,
  story: DemoStory,
  c: { caseId: string; postcode: string },
): Promise<void> {
  await writeContacts(deps, story, await currentCase(deps, c.caseId));
  await writePlan(deps, story, c.caseId);
  await writeOnward(deps, story, await currentCase(deps, c.caseId), c.postcode);
  await writeSafeguarding(deps, story, await currentCase(deps, c.caseId));
  await writeDischarge(deps, story, await currentCase(deps, c.caseId));
}
