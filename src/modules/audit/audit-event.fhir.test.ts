import { describe, expect, it, test } from 'vitest';
import { auditToFhir, type FhirAuditEvent } from './audit-event.fhir.ts';
import type { AuditRecord } from './audit.model.ts';

function buildRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    tenantId: '6f1c2b1e-0000-4000-8000-000000000001',
    seq: 7,
    id: '0b9d6a8e-0000-4000-8000-000000000002',
    occurredAt: new Date('2026-11-22T10:15:30.123Z'),
    actorUserId: '7c3e9f10-0000-4000-8000-000000000003',
    actorName: 'Siân Jones',
    actorRole: 'link_worker',
    actorOrganisationId: '1d2e3f40-0000-4000-8000-000000000004',
    actorOrganisationName: 'Riverside PCN',
    action: 'read',
    outcome: 'success',
    subjectType: 'patient',
    subjectId: 'a1b2c3d4-0000-4000-8000-000000000005',
    subjectLabel: 'Patient record',
    purpose: 'direct-care',
    sourceIp: '192.0.2.10',
    userAgent: 'Mozilla/5.0',
    route: 'GET /app/people/:id',
    details: { fields: ['phone', 'address'] },
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

/** The R4 AuditEvent cardinalities and value sets a resource must meet (hl7.org/fhir/R4/auditevent.html). */
function expectValidR4(event: FhirAuditEvent): void {
  expect(event.resourceType).toBe('AuditEvent');
  expect(event.type.code).toMatch(/\S/);
  expect(['C', 'R', 'U', 'D', 'E']).toContain(event.action);
  expect(event.recorded).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  expect(['0', '4', '8', '12']).toContain(event.outcome);
  expect(event.agent.length).toBeGreaterThan(0);
  for (const agent of event.agent) {
    expect(typeof agent.requestor).toBe('boolean');
    if (agent.network !== undefined) {
      expect(['1', '2', '3', '4', '5']).toContain(agent.network.type);
    }
  }
  expect(event.agent.filter((a) => a.requestor)).toHaveLength(1);
  expect(event.source.observer).toBeDefined();
  for (const entity of event.entity ?? []) {
    for (const detail of entity.detail ?? []) {
      expect(detail.type).toMatch(/\S/);
      expect(typeof detail.valueString).toBe('string');
    }
  }
  // No undefined members: the object is exactly the JSON it serialises to.
  expect(JSON.parse(JSON.stringify(event))).toEqual(event);
}

describe('auditToFhir', () => {
  it('maps a patient record read to a complete R4 AuditEvent', () => {
    const event = auditToFhir(buildRecord());
    expectValidR4(event);
    expect(event).toEqual({
      resourceType: 'AuditEvent',
      id: '0b9d6a8e-0000-4000-8000-000000000002',
      type: {
        system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
        code: 'rest',
        display: 'RESTful Operation',
      },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' }],
      action: 'R',
      recorded: '2026-11-22T10:15:30.123Z',
      outcome: '0',
      purposeOfEvent: [{ text: 'direct-care' }],
      agent: [
        {
          who: {
            identifier: {
              system: 'urn:ietf:rfc:3986',
              value: 'urn:uuid:7c3e9f10-0000-4000-8000-000000000003',
            },
            display: 'Siân Jones',
          },
          requestor: true,
          role: [{ text: 'link_worker' }],
          network: { address: '192.0.2.10', type: '2' },
        },
        {
          type: { text: 'Organisation the user acted for' },
          who: {
            type: 'Organization',
            identifier: {
              system: 'urn:ietf:rfc:3986',
              value: 'urn:uuid:1d2e3f40-0000-4000-8000-000000000004',
            },
            display: 'Riverside PCN',
          },
          requestor: false,
        },
      ],
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
      entity: [
        {
          what: { reference: 'Patient/a1b2c3d4-0000-4000-8000-000000000005' },
          type: {
            system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
            code: '1',
            display: 'Person',
          },
          role: {
            system: 'http://terminology.hl7.org/CodeSystem/object-role',
            code: '1',
            display: 'Patient',
          },
          description: 'Patient record',
        },
        {
          type: {
            system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
            code: '2',
            display: 'System Object',
          },
          description: 'Signpost request',
          detail: [
            { type: 'fields', valueString: '["phone","address"]' },
            { type: 'route', valueString: 'GET /app/people/:id' },
            { type: 'user-agent', valueString: 'Mozilla/5.0' },
            { type: 'audit-seq', valueString: '7' },
            { type: 'audit-hash', valueString: 'b'.repeat(64) },
          ],
        },
      ],
    } satisfies FhirAuditEvent);
  });

  const actions: [string, FhirAuditEvent['action'], string, string | undefined][] = [
    ['create', 'C', 'rest', 'create'],
    ['read', 'R', 'rest', 'read'],
    ['update', 'U', 'rest', 'update'],
    ['delete', 'D', 'rest', 'delete'],
    ['search', 'E', 'rest', 'search-type'],
    ['export', 'R', '110106', undefined],
    ['signin', 'E', '110114', '110122'],
    ['signin-failed', 'E', '110114', '110122'],
    ['signout', 'E', '110114', '110123'],
    ['permission-change', 'U', '110136', undefined],
    ['archive', 'E', '110100', 'archive'],
  ];
  test.each(actions)('maps action %s to %s, type %s, subtype %s', (action, code, type, subtype) => {
    const event = auditToFhir(buildRecord({ action }));
    expectValidR4(event);
    expect(event.action).toBe(code);
    expect(event.type.code).toBe(type);
    expect(event.subtype?.[0]?.code).toBe(subtype);
  });

  test.each([
    ['success', '0', undefined],
    ['denied', '4', 'Access denied'],
    ['failure', '8', 'Failed'],
  ])('maps outcome %s to %s', (outcome, code, description) => {
    const event = auditToFhir(buildRecord({ outcome }));
    expect(event.outcome).toBe(code);
    expect(event.outcomeDesc).toBe(description);
  });

  it('names an anonymous actor, and leaves out what was not recorded', () => {
    const event = auditToFhir(
      buildRecord({
        action: 'signin-failed',
        outcome: 'failure',
        actorUserId: null,
        actorName: null,
        actorRole: null,
        actorOrganisationId: null,
        actorOrganisationName: null,
        subjectType: null,
        subjectId: null,
        subjectLabel: null,
        purpose: null,
        sourceIp: null,
        userAgent: null,
        route: null,
        details: {},
      }),
    );
    expectValidR4(event);
    expect(event.agent).toEqual([{ who: { display: 'Anonymous' }, requestor: true }]);
    expect(event.purposeOfEvent).toBeUndefined();
    expect(event.entity).toHaveLength(1);
    expect(event.entity?.[0]?.detail?.map((d) => d.type)).toEqual(['audit-seq', 'audit-hash']);
  });

  test.each([
    ['referral', { reference: 'ServiceRequest/r-1' }],
    ['organisation', { reference: 'Organization/r-1' }],
    ['user', { identifier: { value: 'r-1' }, display: 'user' }],
    ['audit-log', { identifier: { value: 'r-1' }, display: 'audit-log' }],
  ])('names a %s subject as %j', (subjectType, what) => {
    const event = auditToFhir(buildRecord({ subjectType, subjectId: 'r-1' }));
    expectValidR4(event);
    expect(event.entity?.[0]?.what).toEqual(what);
  });
});
