import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { listPractices } from '../accounts/practice.repository.ts';
import { diffProtocols, summariseChanges } from './protocol-diff.ts';
import { applySectionForm, type FormItem, type SectionPath } from './protocol-form.ts';
import { ensureDefaultProtocol, findProtocolInForce } from './protocol.repository.ts';
import {
  deleteDraft,
  findDraftInScope,
  insertDraft,
  listProtocolVersions,
  lockProtocolVersion,
  markDraftApproved,
  updateDraftContent,
  type ProtocolVersion,
} from './protocol-versions.repository.ts';

// The life of a protocol version: a clinician starts a draft for the PCN or one practice (a copy of what
// that scope uses now), edits its sections, and a clinician with the sign-off permission approves it. The
// approved version replaces the scope's previous one (retired, kept: navigation records name it), and
// the flow uses it from the next navigation on (findProtocolInForce). Writes take the caller's
// transaction, so the audit entry commits with them.

type Trx = Transaction<Database>;

/** One scope on the protocol page: the PCN, or one practice. */
export interface ProtocolScope {
  practiceId: string | null;
  name: string;
  versions: ProtocolVersion[];
  /** The version navigators in this scope use now (a practice without its own uses the PCN's). */
  inForce: ProtocolVersion | undefined;
  inheritsPcn: boolean;
  draft: ProtocolVersion | undefined;
}

export interface ProtocolOverview {
  scopes: ProtocolScope[];
  /** False while only the shipped default has ever been approved. */
  locallyApproved: boolean;
}

/**
 * Every scope of the tenant with its versions and the one in force.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function loadProtocolOverview(
  db: Kysely<Database>,
  tenantId: string,
): Promise<ProtocolOverview> {
  await ensureDefaultProtocol(db, tenantId);
  const [versions, practices] = await Promise.all([
    listProtocolVersions(db, tenantId),
    listPractices(db, tenantId),
  ]);
  const scope = (practiceId: string | null, name: string): Omit<ProtocolScope, 'inheritsPcn'> => {
    const own = versions.filter((v) => v.practiceId === practiceId);
    return {
      practiceId,
      name,
      versions: own,
      inForce: own.find((v) => v.status === 'approved'),
      draft: own.find((v) => v.status === 'draft'),
    };
  };
  const pcn = { ...scope(null, 'Every practice (PCN-wide)'), inheritsPcn: false };
  const scopes = practices.map((p) => {
    const s = scope(p.id, p.name);
    return s.inForce === undefined
      ? { ...s, inForce: pcn.inForce, inheritsPcn: true }
      : { ...s, inheritsPcn: false };
  });
  return { scopes: [pcn, ...scopes], locallyApproved: versions.some((v) => v.approvedBy !== null) };
}

/**
 * Starts a draft for a scope, copied from the version in force there; if the scope has a draft already,
 * that one.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param start - the scope and who is starting it
 */
export async function startDraft(
  trx: Trx,
  tenantId: string,
  start: { practiceId: string | null; actorUserId: string },
): Promise<{ id: string; created: boolean }> {
  const base = await findProtocolInForce(trx, tenantId, start.practiceId);
  const scope = base.practiceId === null ? 'the PCN-wide protocol' : 'this practice’s protocol';
  const id = await insertDraft(trx, tenantId, {
    practiceId: start.practiceId,
    content: base.content,
    createdBy: start.actorUserId,
    changeSummary: `Copied from version ${base.version} of ${scope}. ${summariseChanges([])}`,
  });
  if (id !== undefined) {
    return { id, created: true };
  }
  const existing = await findDraftInScope(trx, tenantId, start.practiceId);
  if (existing === undefined) {
    throw new Error('A draft could not be started and none exists');
  }
  return { id: existing.id, created: false };
}

export type DraftChangeResult =
  | { ok: true; version: ProtocolVersion }
  | { ok: false; error: 'NotFound' }
  | { ok: false; error: 'Changed' }
  | { ok: false; error: 'Invalid'; issues: FieldIssue[] };

async function lockDraft(
  trx: Trx,
  tenantId: string,
  id: string,
  shownUpdatedAt: string,
): Promise<Exclude<DraftChangeResult, { error: 'Invalid' }>> {
  const version = await lockProtocolVersion(trx, tenantId, id);
  if (version?.status !== 'draft') {
    return { ok: false, error: 'NotFound' };
  }
  if (version.updatedAt.toISOString() !== shownUpdatedAt) {
    return { ok: false, error: 'Changed' };
  }
  return { ok: true, version };
}

/**
 * Saves one section of a draft from its form, with the draft's summary of changes from the version in
 * force. Nothing is saved when the form has a problem or the draft changed since the form was shown.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param save - the draft, the section and its form items, who saves it, and the draft's updatedAt shown
 */
export async function saveDraftSection(
  trx: Trx,
  tenantId: string,
  save: { id: string; section: SectionPath; items: FormItem[]; actorUserId: string; shownUpdatedAt: string },
): Promise<DraftChangeResult> {
  const locked = await lockDraft(trx, tenantId, save.id, save.shownUpdatedAt);
  if (!locked.ok) {
    return locked;
  }
  const applied = applySectionForm(save.section, save.items, locked.version.content);
  if (!applied.ok) {
    return { ok: false, error: 'Invalid', issues: applied.issues };
  }
  const base = await findProtocolInForce(trx, tenantId, locked.version.practiceId);
  await updateDraftContent(trx, tenantId, {
    id: save.id,
    content: applied.content,
    updatedBy: save.actorUserId,
    changeSummary: summariseChanges(diffProtocols(base.content, applied.content)),
  });
  return { ok: true, version: { ...locked.version, content: applied.content } };
}

export interface ApprovalInput {
  approverName: string;
  reviewDue: string;
  notes: string;
}

/**
 * Approves a draft (the clinical safety sign-off) and retires the version its scope had in force.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param approval - the draft, the sign-off, who gives it, and the draft's updatedAt they reviewed
 */
export async function approveDraft(
  trx: Trx,
  tenantId: string,
  approval: {
    id: string;
    input: ApprovalInput;
    statement: string;
    actorUserId: string;
    shownUpdatedAt: string;
  },
): Promise<
  { ok: true; version: ProtocolVersion; retired: string[] } | { ok: false; error: 'NotFound' | 'Changed' }
> {
  const locked = await lockDraft(trx, tenantId, approval.id, approval.shownUpdatedAt);
  if (!locked.ok) {
    return locked;
  }
  const notes = approval.input.notes.trim();
  const retired = await markDraftApproved(trx, tenantId, {
    id: approval.id,
    practiceId: locked.version.practiceId,
    approvedBy: approval.actorUserId,
    approvedByName: approval.input.approverName,
    approvalStatement: notes === '' ? approval.statement : `${approval.statement}\n\nNotes: ${notes}`,
    reviewDue: approval.input.reviewDue,
  });
  return { ok: true, version: locked.version, retired };
}

/**
 * Deletes a draft.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param id - the draft
 * @returns the deleted draft, or undefined when it was not a draft
 */
export async function discardDraft(
  trx: Trx,
  tenantId: string,
  id: string,
): Promise<ProtocolVersion | undefined> {
  const version = await lockProtocolVersion(trx, tenantId, id);
  if (version?.status !== 'draft') {
    return undefined;
  }
  await deleteDraft(trx, tenantId, id);
  return version;
}
