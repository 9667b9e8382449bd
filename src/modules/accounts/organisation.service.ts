import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { findOrganizationName } from '../directory/organization-names.repository.ts';
import { parseFullPostcode, resolvePostcode } from '../geo/geo.service.ts';
import { adminMessage as m, type AdminContentKey } from './admin.content.ts';
import type { EditOrganisationValue, OrganisationFormValue } from './admin.schema.ts';
import { isUniqueViolation, type AdminContext, type AdminResult } from './admin.service.ts';
import {
  countActiveChildren,
  findOrganisationById,
  findOrganisationByOdsCode,
  findOrganisationByPracticeId,
  insertOrganisation,
  updateOrganisation,
  type Organisation,
} from './organisation.repository.ts';
import { deactivationProblem, placementProblem, type PlacementProblem } from './organisation-tree.ts';
import { findPractice, upsertPractices, type Practice } from './practice.repository.ts';
import { lockAdministratorRoles } from './user-admin.repository.ts';

// Adding and changing organisations. The tree rules are checked in organisation-tree.ts (pure); this
// module looks up what they need, and writes a practice's own row and its organisation together.

const PLACEMENT_MESSAGES: Record<PlacementProblem, AdminContentKey> = {
  ParentNotAllowed: 'pages.adminOrganisation.parentId.validationError.notAllowed',
  ParentRequired: 'pages.adminOrganisation.parentId.validationError.pcnRequired',
  ParentNotFound: 'pages.adminOrganisation.parentId.validationError.notFound',
  ParentWrongKind: 'pages.adminOrganisation.parentId.validationError.wrongKind',
  ParentInactive: 'pages.adminOrganisation.parentId.validationError.inactive',
  ParentIsSelf: 'pages.adminOrganisation.parentId.validationError.wrongKind',
};

type Fields = Pick<OrganisationFormValue, 'kind' | 'odsCode' | 'parentField' | 'parentId' | 'postcode'> & {
  directoryOrganizationId: string | null;
};

interface Checked {
  issues: FieldIssue[];
  /** The practice row to write, for a practice. */
  practice: Practice | null;
}

async function checkOdsCode(
  db: Kysely<Database>,
  tenantId: string,
  fields: Fields,
  self: Organisation | undefined,
): Promise<{ issue: FieldIssue | null; practiceId: string | null }> {
  const field = 'odsCode';
  if (fields.odsCode === null) {
    return fields.kind === 'practice'
      ? {
          issue: { field, message: m('pages.adminOrganisation.odsCode.validationError.required') },
          practiceId: null,
        }
      : { issue: null, practiceId: null };
  }
  const taken = { field, message: m('pages.adminOrganisation.odsCode.validationError.taken') };
  const owner = await findOrganisationByOdsCode(db, tenantId, fields.odsCode);
  if (owner !== undefined && owner.id !== self?.id) {
    return { issue: taken, practiceId: null };
  }
  if (fields.kind !== 'practice') {
    return { issue: null, practiceId: null };
  }
  // A practice row may already exist for this code (the directory seed writes them): a new practice
  // organisation takes it over, unless another organisation already stands for it. An existing practice
  // organisation keeps its own row.
  const practice = await findPractice(db, tenantId, { odsCode: fields.odsCode });
  if (practice === undefined || practice.id === self?.practiceId) {
    return { issue: null, practiceId: self?.practiceId ?? null };
  }
  if (self !== undefined) {
    return { issue: taken, practiceId: null };
  }
  const linked = await findOrganisationByPracticeId(db, tenantId, practice.id);
  return linked === undefined ? { issue: null, practiceId: practice.id } : { issue: taken, practiceId: null };
}

async function checkFields(
  db: Kysely<Database>,
  tenantId: string,
  fields: Fields & { name: string },
  self?: Organisation,
): Promise<Checked> {
  const issues: FieldIssue[] = [];
  const ods = await checkOdsCode(db, tenantId, fields, self);
  if (ods.issue !== null) {
    issues.push(ods.issue);
  }
  const parent =
    fields.parentId === null ? undefined : await findOrganisationById(db, tenantId, fields.parentId);
  const placement = placementProblem({
    kind: fields.kind,
    parentId: fields.parentId,
    parent,
    ...(self === undefined ? {} : { selfId: self.id, currentParentId: self.parentId }),
  });
  if (placement !== null) {
    issues.push({ field: fields.parentField, message: m(PLACEMENT_MESSAGES[placement]) });
  }
  let practice: Practice | null = null;
  if (fields.kind === 'practice') {
    const postcode = parseFullPostcode(fields.postcode);
    if (!postcode.ok) {
      issues.push({ field: 'postcode', message: postcode.message });
    } else if (fields.odsCode !== null) {
      const located = await resolvePostcode(db, postcode.value.text);
      practice = {
        id: ods.practiceId ?? randomUUID(),
        odsCode: fields.odsCode,
        name: fields.name,
        postcode: postcode.value.text,
        latitude: located.ok ? located.value.latitude : null,
        longitude: located.ok ? located.value.longitude : null,
      };
    }
  }
  if (
    fields.directoryOrganizationId !== null &&
    (await findOrganizationName(db, tenantId, fields.directoryOrganizationId)) === undefined
  ) {
    issues.push({
      field: 'directoryOrganizationId',
      message: m('pages.adminOrganisation.directoryOrganizationId.validationError.notFound'),
    });
  }
  return { issues, practice };
}

const ODS_TAKEN: FieldIssue[] = [
  { field: 'odsCode', message: m('pages.adminOrganisation.odsCode.validationError.taken') },
];

/**
 * Adds an organisation; for a GP practice, its practice row too (with the postcode's coordinates when the
 * postcode is known), in one transaction.
 * @param ctx - the administrator and their audit writer
 * @param value - the validated form
 * @returns the new organisation's id, or the problems to show on the form
 */
export async function createOrganisation(
  ctx: AdminContext,
  value: OrganisationFormValue,
): Promise<AdminResult<string>> {
  const { db, tenant } = ctx.deps;
  const checked = await checkFields(db, tenant.id, value);
  if (checked.issues.length > 0) {
    return { ok: false, issues: checked.issues };
  }
  try {
    const id = await db.transaction().execute(async (trx) => {
      if (checked.practice !== null) {
        await upsertPractices(trx, tenant.id, [checked.practice]);
      }
      const org = await insertOrganisation(trx, tenant.id, {
        kind: value.kind,
        name: value.name,
        odsCode: value.odsCode,
        parentId: value.parentId,
        practiceId: checked.practice?.id ?? null,
        directoryOrganizationId: value.directoryOrganizationId,
      });
      await ctx.audit(trx, [
        { action: 'create', subjectType: 'organisation', subjectId: org.id, details: { kind: org.kind } },
      ]);
      return org.id;
    });
    return { ok: true, value: id };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, issues: ODS_TAKEN };
    }
    throw error;
  }
}

function changedFields(org: Organisation, value: EditOrganisationValue): string[] {
  const changes: [string, boolean][] = [
    ['name', org.name !== value.name],
    ['odsCode', org.odsCode !== value.odsCode],
    ['parentId', org.parentId !== value.parentId],
    ['directoryOrganizationId', org.directoryOrganizationId !== value.directoryOrganizationId],
    ['active', org.active !== value.active],
  ];
  return changes.filter(([, changed]) => changed).map(([field]) => field);
}

async function deactivationIssues(
  trx: Transaction<Database>,
  tenantId: string,
  org: Organisation,
): Promise<FieldIssue[]> {
  // Under the administrator-role lock, so an administrator role removed at the same moment is counted.
  const admins = await lockAdministratorRoles(trx, tenantId);
  const problem = deactivationProblem({
    activeChildren: await countActiveChildren(trx, tenantId, org.id),
    adminRolesHere: admins.filter((a) => a.organisationId === org.id).length,
    adminRolesElsewhere: admins.filter((a) => a.organisationId !== org.id).length,
  });
  if (problem === null) {
    return [];
  }
  const key =
    problem === 'HasActiveChildren'
      ? 'pages.adminOrganisation.active.validationError.hasChildren'
      : 'pages.adminOrganisation.active.validationError.lastAdministrator';
  return [{ field: 'active', message: m(key) }];
}

/**
 * Changes an organisation's name, ODS code, parent, directory listing (VCSE) or postcode (practice), or
 * makes it inactive or active again. A practice's own row follows its name, code and postcode.
 * @param ctx - the administrator and their audit writer
 * @param org - the organisation as it is
 * @param value - the validated form
 */
export async function editOrganisation(
  ctx: AdminContext,
  org: Organisation,
  value: EditOrganisationValue,
): Promise<AdminResult<null>> {
  const { db, tenant } = ctx.deps;
  const fields = {
    ...value,
    kind: org.kind,
    directoryOrganizationId: org.kind === 'vcse' ? value.directoryOrganizationId : null,
  };
  const checked = await checkFields(db, tenant.id, fields, org);
  if (checked.issues.length > 0) {
    return { ok: false, issues: checked.issues };
  }
  try {
    return await db.transaction().execute(async (trx): Promise<AdminResult<null>> => {
      const refused = org.active && !value.active ? await deactivationIssues(trx, tenant.id, org) : [];
      if (refused.length > 0) {
        return { ok: false, issues: refused };
      }
      if (checked.practice !== null) {
        await upsertPractices(trx, tenant.id, [checked.practice]);
      }
      await updateOrganisation(trx, tenant.id, org.id, fields);
      await ctx.audit(trx, [
        {
          action: 'update',
          subjectType: 'organisation',
          subjectId: org.id,
          details: { fields: changedFields(org, fields) },
        },
      ]);
      return { ok: true, value: null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, issues: ODS_TAKEN };
    }
    throw error;
  }
}
