import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PcspCriterion, SharedWith } from './casework.vocabulary.ts';

// SQL for the personalised care and support plan of a case (care_plan, one row per case, versioned) and
// its goals and actions.

type Db = Kysely<Database>;

export interface CarePlan {
  caseId: string;
  whatMatters: string | null;
  needs: string[];
  needsNotes: string | null;
  /** 'YYYY-MM-DD' */
  reviewDate: string | null;
  agreedAt: Date | null;
  sharedWith: SharedWith[];
  criteria: Record<PcspCriterion, boolean>;
  version: number;
  updatedAt: Date;
  /** Null until someone first saves the plan. */
  updatedBy: string | null;
}

export interface PlanGoal {
  id: string;
  text: string;
  status: 'active' | 'achieved' | 'stopped';
  position: number;
}

export interface PlanAction {
  id: string;
  goalId: string;
  text: string;
  owner: string;
  dueDate: string | null;
  doneAt: Date | null;
}

/**
 * A case's plan, created empty (version 1) if the case has none yet.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function findOrCreatePlan(db: Db, tenantId: string, caseId: string): Promise<CarePlan> {
  await db
    .insertInto('care_plan')
    .values({ tenant_id: tenantId, case_id: caseId })
    .onConflict((oc) => oc.columns(['tenant_id', 'case_id']).doNothing())
    .execute();
  const r = await db
    .selectFrom('care_plan')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    caseId: r.case_id,
    whatMatters: r.what_matters,
    needs: r.needs,
    needsNotes: r.needs_notes,
    reviewDate: r.review_date,
    agreedAt: r.agreed_at,
    sharedWith: r.shared_with as SharedWith[],
    criteria: {
      personCentral: r.person_central,
      fromConversations: r.from_conversations,
      outcomesAgreed: r.outcomes_agreed,
      planShareable: r.plan_shareable,
      reviewArranged: r.review_arranged,
    },
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export interface PlanChanges {
  whatMatters: string | null;
  needs: string[];
  needsNotes: string | null;
  reviewDate: string | null;
  agreedAt: Date | null;
  sharedWith: SharedWith[];
  criteria: Record<PcspCriterion, boolean>;
}

/**
 * Saves a plan if it is still at the version the user saw, and bumps the version.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param update - the case, expected version, who saves and the new values
 * @returns the new version, or null when the plan changed meanwhile
 */
export async function updatePlanAtVersion(
  trx: Db,
  tenantId: string,
  update: { caseId: string; expectedVersion: number; actorUserId: string; changes: PlanChanges },
): Promise<number | null> {
  const c = update.changes;
  const row = await trx
    .updateTable('care_plan')
    .set((eb) => ({
      what_matters: c.whatMatters,
      needs: c.needs,
      needs_notes: c.needsNotes,
      review_date: c.reviewDate,
      agreed_at: c.agreedAt,
      shared_with: c.sharedWith,
      person_central: c.criteria.personCentral,
      from_conversations: c.criteria.fromConversations,
      outcomes_agreed: c.criteria.outcomesAgreed,
      plan_shareable: c.criteria.planShareable,
      review_arranged: c.criteria.reviewArranged,
      version: eb('version', '+', 1),
      updated_at: new Date(),
      updated_by: update.actorUserId,
    }))
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', update.caseId)
    .where('version', '=', update.expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}

/**
 * A case's goals, in order.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function listGoals(db: Db, tenantId: string, caseId: string): Promise<PlanGoal[]> {
  const rows = await db
    .selectFrom('plan_goal')
    .select(['id', 'text', 'status', 'position'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows;
}

/**
 * A case's actions, by due date (undated last).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function listActions(db: Db, tenantId: string, caseId: string): Promise<PlanAction[]> {
  const rows = await db
    .selectFrom('plan_action')
    .select(['id', 'goal_id', 'text', 'owner', 'due_date', 'done_at'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('due_date', (ob) => ob.asc().nullsLast())
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    goalId: r.goal_id,
    text: r.text,
    owner: r.owner,
    dueDate: r.due_date,
    doneAt: r.done_at,
  }));
}

/**
 * Adds a goal after the case's others.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param goal - the case and the goal's words
 */
export async function insertGoal(
  trx: Db,
  tenantId: string,
  goal: { caseId: string; text: string },
): Promise<string> {
  const { id } = await trx
    .insertInto('plan_goal')
    .values({
      tenant_id: tenantId,
      case_id: goal.caseId,
      text: goal.text,
      position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM plan_goal
        WHERE tenant_id = ${tenantId} AND case_id = ${goal.caseId})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Adds an action to a goal.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param action - the case, goal, words, owner and due date
 */
export async function insertAction(
  trx: Db,
  tenantId: string,
  action: { caseId: string; goalId: string; text: string; owner: string; dueDate: string | null },
): Promise<string> {
  const { id } = await trx
    .insertInto('plan_action')
    .values({
      tenant_id: tenantId,
      case_id: action.caseId,
      goal_id: action.goalId,
      text: action.text,
      owner: action.owner,
      due_date: action.dueDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Marks an action of a case done (once: an action already done keeps its first date).
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param ids - the case and the action
 * @returns whether the case has that action
 */
export async function markActionDone(
  trx: Db,
  tenantId: string,
  ids: { caseId: string; actionId: string },
): Promise<boolean> {
  const row = await trx
    .updateTable('plan_action')
    .set((eb) => ({ done_at: eb.fn.coalesce('done_at', eb.val(new Date())) }))
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', ids.caseId)
    .where('id', '=', ids.actionId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
