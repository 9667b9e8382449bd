import { canonicalJson } from './audit-hash.ts';
import type { AuditRecord } from './audit.model.ts';

// An audit entry as a FHIR R4 AuditEvent (hl7.org/fhir/R4/auditevent.html), the export DOMAIN.md 8.5 asks
// for. Record access is a RESTful interaction (type `rest`, subtype read/create/update/delete/search-type,
// as the IHE Basic Audit Log Patterns do); sign-in, export and permission changes use the DICOM event
// codes that AuditEvent.type is bound to. Users and organisations are named by `urn:uuid:` identifiers
// until the FHIR API gives them resources of their own.

interface Coding {
  system?: string;
  code: string;
  display?: string;
}
interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
interface Reference {
  reference?: string;
  type?: string;
  identifier?: { system?: string; value: string };
  display?: string;
}

export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  type: Coding;
  subtype?: Coding[];
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  recorded: string;
  outcome: '0' | '4' | '8';
  outcomeDesc?: string;
  purposeOfEvent?: CodeableConcept[];
  agent: {
    type?: CodeableConcept;
    role?: CodeableConcept[];
    who: Reference;
    requestor: boolean;
    network?: { address: string; type: '2' };
  }[];
  source: { site: string; observer: Reference; type: Coding[] };
  entity?: {
    what?: Reference;
    type?: Coding;
    role?: Coding;
    description?: string;
    detail?: { type: string; valueString: string }[];
  }[];
}

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const REST: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'RESTful Operation',
};
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';

function rest(code: string, display: string): Pick<FhirAuditEvent, 'type' | 'subtype'> {
  return { type: REST, subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code, display }] };
}

function dcm(code: string, display: string, sub?: Coding): Pick<FhirAuditEvent, 'type' | 'subtype'> {
  return { type: { system: DCM, code, display }, ...(sub === undefined ? {} : { subtype: [sub] }) };
}

/** AuditEvent.type, subtype and action of each Signpost action. */
function eventCodes(action: string): Pick<FhirAuditEvent, 'type' | 'subtype' | 'action'> {
  switch (action) {
    case 'create':
      return { ...rest('create', 'create'), action: 'C' };
    case 'read':
      return { ...rest('read', 'read'), action: 'R' };
    case 'update':
      return { ...rest('update', 'update'), action: 'U' };
    case 'delete':
      return { ...rest('delete', 'delete'), action: 'D' };
    case 'search':
      return { ...rest('search-type', 'search type'), action: 'E' };
    case 'export':
      return { ...dcm('110106', 'Export'), action: 'R' };
    case 'signin':
    case 'signin-failed':
      return {
        ...dcm('110114', 'User Authentication', { system: DCM, code: '110122', display: 'Login' }),
        action: 'E',
      };
    case 'signout':
      return {
        ...dcm('110114', 'User Authentication', { system: DCM, code: '110123', display: 'Logout' }),
        action: 'E',
      };
    case 'permission-change':
      return { ...dcm('110136', 'Security Roles Changed'), action: 'U' };
    default:
      // An action added after this mapping: say what it was rather than guess.
      return { ...dcm('110100', 'Application Activity', { code: action }), action: 'E' };
  }
}

function outcomeOf(outcome: string): Pick<FhirAuditEvent, 'outcome' | 'outcomeDesc'> {
  if (outcome === 'success') {
    return { outcome: '0' };
  }
  if (outcome === 'denied') {
    return { outcome: '4', outcomeDesc: 'Access denied' };
  }
  return { outcome: '8', outcomeDesc: 'Failed' };
}

const uuidRef = (id: string, display: string | null, type?: string): Reference => ({
  ...(type === undefined ? {} : { type }),
  identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${id}` },
  ...(display === null ? {} : { display }),
});

function agentsOf(r: AuditRecord): FhirAuditEvent['agent'] {
  const user: FhirAuditEvent['agent'][number] = {
    who:
      r.actorUserId === null ? { display: r.actorName ?? 'Anonymous' } : uuidRef(r.actorUserId, r.actorName),
    requestor: true,
    ...(r.actorRole === null ? {} : { role: [{ text: r.actorRole }] }),
    ...(r.sourceIp === null ? {} : { network: { address: r.sourceIp, type: '2' as const } }),
  };
  if (r.actorOrganisationId === null) {
    return [user];
  }
  const organisation = {
    type: { text: 'Organisation the user acted for' },
    who: uuidRef(r.actorOrganisationId, r.actorOrganisationName, 'Organization'),
    requestor: false,
  };
  return [user, organisation];
}

const RESOURCE_TYPES: Partial<Record<string, string>> = {
  patient: 'Patient',
  referral: 'ServiceRequest',
  organisation: 'Organization',
};

function subjectEntity(r: AuditRecord): NonNullable<FhirAuditEvent['entity']>[number] | undefined {
  if (r.subjectType === null) {
    return undefined;
  }
  const resourceType = RESOURCE_TYPES[r.subjectType];
  const what: Reference =
    r.subjectId === null
      ? { display: r.subjectType }
      : resourceType === undefined
        ? { identifier: { value: r.subjectId }, display: r.subjectType }
        : { reference: `${resourceType}/${r.subjectId}` };
  const person = r.subjectType === 'patient' || r.subjectType === 'user';
  const role: Coding | undefined =
    r.subjectType === 'patient'
      ? { system: OBJECT_ROLE, code: '1', display: 'Patient' }
      : r.subjectType === 'user'
        ? { system: OBJECT_ROLE, code: '6', display: 'User' }
        : undefined;
  return {
    what,
    type: { system: ENTITY_TYPE, code: person ? '1' : '2', display: person ? 'Person' : 'System Object' },
    ...(role === undefined ? {} : { role }),
    ...(r.subjectLabel === null ? {} : { description: r.subjectLabel }),
  };
}

function detailsOf(r: AuditRecord): { type: string; valueString: string }[] {
  const detail = Object.entries(r.details).map(([type, value]) => ({
    type,
    valueString: typeof value === 'string' ? value : canonicalJson(value),
  }));
  const request = [
    ['route', r.route],
    ['user-agent', r.userAgent],
    ['audit-seq', String(r.seq)],
    ['audit-hash', r.hash],
  ] as const;
  for (const [type, value] of request) {
    if (value !== null) {
      detail.push({ type, valueString: value });
    }
  }
  return detail;
}

/**
 * One audit entry as a FHIR R4 AuditEvent resource.
 * @param record - the stored entry
 */
export function auditToFhir(record: AuditRecord): FhirAuditEvent {
  const subject = subjectEntity(record);
  // Route, user agent, seq and hash ride on an entity of their own: R4 has no agent field for them.
  const request = {
    type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
    description: 'Signpost request',
    detail: detailsOf(record),
  };
  return {
    resourceType: 'AuditEvent',
    id: record.id,
    ...eventCodes(record.action),
    recorded: record.occurredAt.toISOString(),
    ...outcomeOf(record.outcome),
    ...(record.purpose === null ? {} : { purposeOfEvent: [{ text: record.purpose }] }),
    agent: agentsOf(record),
    source: {
      site: 'Signpost',
      observer: { display: 'Signpost' },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    entity: subject === undefined ? [request] : [subject, request],
  };
}
