import { z } from 'zod';
import type { FieldIssue } from '../../../http/errors.ts';

// Open Referral UK 3.0 objects as a feed sends them, mirroring OpenReferralUK/uk-profile
// schema/compiled/service.json and schema/*.json. A few HSDS 3.0 fields the UK profile leaves out but
// Signpost stores (attribute value/label/link_entity, contact email/department/phones, language
// name/code/note, term code) are accepted too, so our own exports re-import losslessly.
// Unknown fields are stripped; `null` counts as absent (feeds often send it for empty optional fields).
// Stricter than the JSON Schema where the database needs it: date fields must be YYYY-MM-DD and
// `interval` a whole number, so a bad value is a rejected record rather than a failed batch.

const REQUIRED = 'is required';

/** PostgreSQL text cannot hold NUL characters: rejected here rather than failing a whole batch. */
export const hasNoNul = (v: string): boolean => !v.includes('\u0000');

/** Ids are stored in lower case. */
export const lowercaseId = (v: string): string => v.toLowerCase();

function text(): z.ZodString {
  return z
    .string({ error: (iss) => (iss.input === undefined ? REQUIRED : 'must be text') })
    .refine(hasNoNul, { error: 'must not contain NUL (\\u0000) characters' });
}

/** How an optional field reads `null`: as absent (also the import's compiled validator's cue; see oruk.import-parse.ts). */
export const nullAsAbsent = (v: unknown): unknown => (v === null ? undefined : v);

/** An optional field: absent or null is undefined. */
function optional<T extends z.ZodType>(schema: T): z.ZodPreprocess<z.ZodOptional<T>> {
  return z.preprocess(nullAsAbsent, schema.optional());
}

const id = z
  .guid({ error: (iss) => (iss.input === undefined ? REQUIRED : 'must be a UUID') })
  .transform(lowercaseId);
const optId = optional(id);
const optText = optional(text());
/** A format error message, or "must be text" when the value is not a string at all. */
function formatError(message: string): (iss: { code: string }) => string {
  return (iss) => (iss.code === 'invalid_type' ? 'must be text' : message);
}

const optUri = optional(z.url({ error: formatError('must be a full URI such as https://example.org/page') }));
const optEmail = optional(
  z.email({ error: formatError('must be an email address such as name@example.org') }),
);
const optDate = optional(z.iso.date({ error: formatError('must be a date in the form YYYY-MM-DD') }));
const optNumber = optional(z.number({ error: 'must be a number' }));
const locationType = z.enum(['physical', 'postal', 'virtual'], {
  error: (iss) => (iss.input === undefined ? REQUIRED : 'must be one of physical, postal, virtual'),
});

function list<T extends z.ZodType>(item: T): z.ZodPreprocess<z.ZodOptional<z.ZodArray<T>>> {
  return optional(z.array(item, { error: 'must be a list' }));
}

export const orukTaxonomyTermSchema = z.object({
  id,
  name: text(),
  description: text(),
  code: optText,
  parent_id: optId,
  taxonomy: optText,
  taxonomy_id: optId,
  term_uri: optUri,
  term: optText,
});

export const orukAttributeSchema = z.object({
  id,
  link_id: optId,
  taxonomy_term_id: optId,
  link_type: optText,
  link_entity: optText,
  value: optText,
  label: optText,
  taxonomy_term: optional(orukTaxonomyTermSchema),
});

const attributes = list(orukAttributeSchema);

export const orukTaxonomySchema = z.object({
  id,
  name: text(),
  description: text(),
  uri: optUri,
  version: optText,
  taxonomy_terms: list(orukTaxonomyTermSchema),
});

export const orukOrganizationIdentifierSchema = z.object({
  id,
  organization_id: optId,
  identifier_scheme: optText,
  identifier_type: text(),
  identifier: text(),
  attributes,
});

export const orukOrganizationSchema = z.object({
  id,
  name: text(),
  description: text(),
  email: optEmail,
  website: optUri,
  logo: optText,
  uri: optUri,
  parent_organization_id: optId,
  organization_identifiers: list(orukOrganizationIdentifierSchema),
  attributes,
});

export const orukAddressSchema = z.object({
  id,
  location_id: optId,
  attention: optText,
  address_1: text(),
  city: text(),
  region: optText,
  state_province: text(),
  postal_code: text(),
  country: text(),
  address_type: locationType,
  attributes,
});

export const orukAccessibilitySchema = z.object({
  id,
  location_id: optId,
  description: optText,
  details: optText,
  url: optUri,
  accessibility: optText,
  attributes,
});

export const orukLocationSchema = z.object({
  id,
  location_type: locationType,
  name: optText,
  description: optText,
  latitude: optNumber,
  longitude: optNumber,
  external_identifier: optText,
  external_identifier_type: optText,
  addresses: list(orukAddressSchema),
  accessibility: list(orukAccessibilitySchema),
  attributes,
});

export const orukServiceAtLocationSchema = z.object({
  id,
  service_id: optId,
  location_id: optId,
  location: optional(orukLocationSchema),
});

export const orukScheduleSchema = z.object({
  id,
  service_id: optId,
  service_at_location_id: optId,
  valid_from: optDate,
  valid_to: optDate,
  dtstart: optDate,
  freq: optional(z.enum(['WEEKLY', 'MONTHLY'], { error: 'must be WEEKLY or MONTHLY' })),
  interval: optional(z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' })),
  byday: optText,
  bymonthday: optText,
  description: optText,
  opens_at: optText,
  closes_at: optText,
  schedule_link: optUri,
  attending_type: optText,
  notes: optText,
});

export const orukServiceAreaSchema = z.object({
  id,
  service_id: optId,
  name: optText,
  description: optText,
  extent: optText,
  extent_type: optText,
  uri: optText,
  service_area: optText,
});

export const orukLanguageSchema = z.object({
  id,
  service_id: optId,
  phone_id: optId,
  name: optText,
  code: optText,
  note: optText,
});

export const orukFundingSchema = z.object({ id, service_id: optId, source: optText });

export const orukCostOptionSchema = z.object({
  id,
  service_id: optId,
  valid_from: optDate,
  valid_to: optDate,
  option: optText,
  amount: optNumber,
  amount_description: optText,
});

export const orukPhoneSchema = z.object({
  id,
  service_id: optId,
  contact_id: optId,
  number: text(),
  extension: optText,
  type: optText,
  description: optText,
});

export const orukContactSchema = z.object({
  id,
  service_id: optId,
  name: optText,
  title: optText,
  department: optText,
  email: optEmail,
  phones: list(orukPhoneSchema),
  attributes,
});

export const orukServiceSchema = z.object({
  id,
  organization_id: optId,
  name: text(),
  description: optText,
  url: optUri,
  email: optEmail,
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed'], {
    error: (iss) =>
      iss.input === undefined ? REQUIRED : 'must be one of active, inactive, defunct, temporarily closed',
  }),
  fees: optText,
  accreditations: optText,
  minimum_age: optNumber,
  maximum_age: optNumber,
  assured_date: optDate,
  assurer_email: optEmail,
  alert: optText,
  last_modified: optional(
    z.iso.datetime({ offset: true, error: formatError('must be a date-time such as 2024-05-01T09:30:00Z') }),
  ),
  schedules: list(orukScheduleSchema),
  service_areas: list(orukServiceAreaSchema),
  service_at_locations: list(orukServiceAtLocationSchema),
  languages: list(orukLanguageSchema),
  organization: optional(orukOrganizationSchema),
  funding: list(orukFundingSchema),
  cost_options: list(orukCostOptionSchema),
  contacts: list(orukContactSchema),
  phones: list(orukPhoneSchema),
  attributes,
});

export type OrukTaxonomyTerm = z.infer<typeof orukTaxonomyTermSchema>;
export type OrukAttribute = z.infer<typeof orukAttributeSchema>;
export type OrukTaxonomy = z.infer<typeof orukTaxonomySchema>;
export type OrukOrganizationIdentifier = z.infer<typeof orukOrganizationIdentifierSchema>;
export type OrukOrganization = z.infer<typeof orukOrganizationSchema>;
export type OrukAddress = z.infer<typeof orukAddressSchema>;
export type OrukAccessibility = z.infer<typeof orukAccessibilitySchema>;
export type OrukLocation = z.infer<typeof orukLocationSchema>;
export type OrukServiceAtLocation = z.infer<typeof orukServiceAtLocationSchema>;
export type OrukSchedule = z.infer<typeof orukScheduleSchema>;
export type OrukServiceArea = z.infer<typeof orukServiceAreaSchema>;
export type OrukLanguage = z.infer<typeof orukLanguageSchema>;
export type OrukFunding = z.infer<typeof orukFundingSchema>;
export type OrukCostOption = z.infer<typeof orukCostOptionSchema>;
export type OrukPhone = z.infer<typeof orukPhoneSchema>;
export type OrukContact = z.infer<typeof orukContactSchema>;
export type OrukService = z.infer<typeof orukServiceSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/**
 * Turns zod issues into `{ field, message }` with dotted paths such as
 * `service_at_locations.0.location.addresses.0.postal_code`.
 * @param error - a zod error
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length === 0 ? '(record)' : issue.path.map(String).join('.'),
    message:
      issue.path.length === 0 && issue.code === 'invalid_type' ? 'must be a JSON object' : issue.message,
  }));
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toFieldIssues(result.error) };
}

/**
 * Validates one ORUK service as received from a feed.
 * @param input - parsed JSON
 */
export function parseOrukService(input: unknown): ParseResult<OrukService> {
  return parseWith(orukServiceSchema, input);
}

/**
 * Validates one ORUK taxonomy (with optional nested terms).
 * @param input - parsed JSON
 */
export function parseOrukTaxonomy(input: unknown): ParseResult<OrukTaxonomy> {
  return parseWith(orukTaxonomySchema, input);
}

/**
 * Validates one ORUK taxonomy term.
 * @param input - parsed JSON
 */
export function parseOrukTaxonomyTerm(input: unknown): ParseResult<OrukTaxonomyTerm> {
  return parseWith(orukTaxonomyTermSchema, input);
}

/**
 * Validates one ORUK organization.
 * @param input - parsed JSON
 */
export function parseOrukOrganization(input: unknown): ParseResult<OrukOrganization> {
  return parseWith(orukOrganizationSchema, input);
}
