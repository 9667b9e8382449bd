import { z } from 'zod';
import type { FieldIssue } from '../../http/errors.ts';
import { parseForm, type FormResult } from '../../http/forms.ts';
import { parseFullPostcode } from '../geo/geo.service.ts';
import type { OrganisationKind, UserStatus } from './accounts.tables.ts';
import { adminMessage as m } from './admin.content.ts';
import { normaliseOdsCode, ODS_CODE_PATTERN } from './organisation-tree.ts';
import { isRole, type Role } from './roles.ts';

// One schema per administration form (STYLE.md rule 12). Each returns the typed value or field issues
// whose `field` is the id of the input on the page, so the error summary links to it.

const text = (required: string): z.ZodString =>
  z.string({ error: required }).trim().min(1, { error: required });
const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() ?? '');
const roleField = (required: string): z.ZodType<Role> =>
  z.string({ error: required }).refine(isRole, { error: required });
const uuidField = (required: string): z.ZodUUID => z.uuid({ error: required });

export const USER_STATUSES: readonly UserStatus[] = ['invited', 'active', 'disabled'];

const userFilterSchema = z.object({
  q: optionalText.pipe(z.string().max(100, { error: m('pages.adminUsers.q.validationError.tooLong') })),
  status: optionalText.pipe(
    z.union([z.literal(''), z.enum(['invited', 'active', 'disabled'])], {
      error: m('pages.adminUsers.status.validationError.invalid'),
    }),
  ),
  // A page number that is not one (a hand-edited link) shows the first page.
  page: optionalText.transform((v) => (/^[1-9][0-9]{0,5}$/.test(v) ? Number(v) : 1)),
});
export type UserFilter = z.output<typeof userFilterSchema>;

/**
 * The user list's filter (a GET form): name or email text, status and page.
 * @param query - the query string
 */
export function parseUserFilter(query: unknown): FormResult<UserFilter> {
  return parseForm(userFilterSchema, query);
}

const emailField = z
  .string({ error: m('pages.adminInvite.email.validationError.required') })
  .trim()
  .min(1, { error: m('pages.adminInvite.email.validationError.required') })
  .max(254, { error: m('pages.adminInvite.email.validationError.tooLong') })
  .pipe(z.email({ error: m('pages.adminInvite.email.validationError.format') }));

const inviteSchema = z.object({
  email: emailField,
  displayName: text(m('pages.adminInvite.displayName.validationError.required')).max(120, {
    error: m('pages.adminInvite.displayName.validationError.tooLong'),
  }),
  organisationId: uuidField(m('pages.adminInvite.organisationId.validationError.required')),
  role: roleField(m('pages.adminInvite.role.validationError.required')),
});
export type InviteInput = z.output<typeof inviteSchema>;

/**
 * The invite form: email, full name, organisation and role.
 * @param body - the posted form
 */
export function parseInvite(body: unknown): FormResult<InviteInput> {
  return parseForm(inviteSchema, body);
}

const giveRoleSchema = z.object({
  organisationId: uuidField(m('pages.adminUser.organisationId.validationError.required')),
  role: roleField(m('pages.adminUser.role.validationError.required')),
});
export type GiveRoleInput = z.output<typeof giveRoleSchema>;

/**
 * The "Give a role" form on a user's page.
 * @param body - the posted form
 */
export function parseGiveRole(body: unknown): FormResult<GiveRoleInput> {
  return parseForm(giveRoleSchema, body);
}

const statusSchema = z.object({
  status: z.enum(['active', 'disabled'], { error: m('pages.adminUser.status.validationError.invalid') }),
});

/**
 * The disable / enable button's form.
 * @param body - the posted form
 */
export function parseStatusChange(body: unknown): FormResult<{ status: 'active' | 'disabled' }> {
  return parseForm(statusSchema, body);
}

const nameField = text(m('pages.adminOrganisation.name.validationError.required')).max(200, {
  error: m('pages.adminOrganisation.name.validationError.tooLong'),
});
const odsField = optionalText
  .transform(normaliseOdsCode)
  .refine((code) => code === null || ODS_CODE_PATTERN.test(code), {
    error: m('pages.adminOrganisation.odsCode.validationError.format'),
  });
const optionalId = (notFound: string): z.ZodType<string | null> =>
  optionalText
    .refine((v) => v === '' || z.uuid().safeParse(v).success, { error: notFound })
    .transform((v) => (v === '' ? null : v));
const parentIdField = optionalId(m('pages.adminOrganisation.parentId.validationError.notFound'));

const organisationBase = {
  name: nameField,
  odsCode: odsField,
  directoryOrganizationId: optionalId(
    m('pages.adminOrganisation.directoryOrganizationId.validationError.notFound'),
  ),
};

const newOrganisationSchema = z.object({
  kind: z.enum(['icb', 'pcn', 'practice', 'vcse'], {
    error: m('pages.adminOrganisation.kind.validationError.required'),
  }),
  ...organisationBase,
  parentIcbId: parentIdField,
  parentPcnId: parentIdField,
  postcode: optionalText,
});

export interface OrganisationFormValue {
  kind: OrganisationKind;
  name: string;
  odsCode: string | null;
  /** The field the parent came from, for its error message. */
  parentField: 'parentIcbId' | 'parentPcnId' | 'parentId';
  parentId: string | null;
  /** As typed (a practice's only); checked with the geo module's parser by the service. */
  postcode: string;
  directoryOrganizationId: string | null;
}

/**
 * When a practice's form is rejected for another field, its own required fields are checked too, so the
 * error summary lists every problem at once (the service checks them again on a form that passed).
 */
function withPracticeIssues(
  failed: { ok: false; issues: FieldIssue[] },
  isPractice: boolean,
  raw: Record<string, unknown>,
  parentField: string,
): { ok: false; issues: FieldIssue[] } {
  if (!isPractice) {
    return failed;
  }
  const text = (field: string): string => (typeof raw[field] === 'string' ? raw[field].trim() : '');
  const issues = [...failed.issues];
  if (text('odsCode') === '') {
    issues.push({ field: 'odsCode', message: m('pages.adminOrganisation.odsCode.validationError.required') });
  }
  if (text(parentField) === '') {
    issues.push({
      field: parentField,
      message: m('pages.adminOrganisation.parentId.validationError.pcnRequired'),
    });
  }
  const postcode = parseFullPostcode(text('postcode'));
  if (!postcode.ok) {
    issues.push({ field: 'postcode', message: postcode.message });
  }
  return { ok: false, issues };
}

/**
 * The "Add an organisation" form. Each kind has its own parent field (the PCN's ICB, the practice's PCN),
 * so the page works without JavaScript; the value of the other kinds' fields is ignored.
 * @param body - the posted form
 */
export function parseNewOrganisation(body: unknown): FormResult<OrganisationFormValue> {
  const parsed = parseForm(newOrganisationSchema, body);
  if (!parsed.ok) {
    const raw = (body ?? {}) as Record<string, unknown>;
    return withPracticeIssues(parsed, raw.kind === 'practice', raw, 'parentPcnId');
  }
  const v = parsed.value;
  const parentField = v.kind === 'practice' ? 'parentPcnId' : 'parentIcbId';
  return {
    ok: true,
    value: {
      kind: v.kind,
      name: v.name,
      odsCode: v.odsCode,
      parentField,
      parentId: v.kind === 'pcn' ? v.parentIcbId : v.kind === 'practice' ? v.parentPcnId : null,
      postcode: v.kind === 'practice' ? v.postcode : '',
      directoryOrganizationId: v.kind === 'vcse' ? v.directoryOrganizationId : null,
    },
  };
}

const editOrganisationSchema = z.object({
  ...organisationBase,
  parentId: parentIdField,
  postcode: optionalText,
  active: z.enum(['yes', 'no'], { error: m('pages.adminOrganisation.active.validationError.invalid') }),
});

export type EditOrganisationValue = Omit<OrganisationFormValue, 'kind'> & { active: boolean };

/**
 * The organisation edit form (its kind cannot change).
 * @param body - the posted form
 * @param kind - the organisation's kind
 */
export function parseEditOrganisation(
  body: unknown,
  kind: OrganisationKind,
): FormResult<EditOrganisationValue> {
  const parsed = parseForm(editOrganisationSchema, body);
  if (!parsed.ok) {
    return withPracticeIssues(
      parsed,
      kind === 'practice',
      (body ?? {}) as Record<string, unknown>,
      'parentId',
    );
  }
  const v = parsed.value;
  return {
    ok: true,
    value: {
      name: v.name,
      odsCode: v.odsCode,
      parentField: 'parentId',
      parentId: v.parentId,
      postcode: v.postcode,
      directoryOrganizationId: v.directoryOrganizationId,
      active: v.active === 'yes',
    },
  };
}
