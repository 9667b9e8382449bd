import type { FieldIssue } from '../../http/errors.ts';
import type { OrukAttribute, OrukService } from './oruk/oruk.schema.ts';
import { readSignpostAttributes } from './oruk/signpost-attributes.ts';

// What Signpost needs of a service beyond the ORUK schema before it can store it (pure).

function attributeIssues(prefix: string, list: readonly OrukAttribute[] | undefined): FieldIssue[] {
  return (list ?? []).flatMap((attr, i) =>
    attr.taxonomy_term === undefined && attr.taxonomy_term_id === undefined
      ? [
          {
            field: `${prefix}attributes.${i}.taxonomy_term_id`,
            message: 'is required: an attribute needs a taxonomy term',
          },
        ]
      : [],
  );
}

/**
 * What Signpost needs beyond the ORUK schema before it can store a service: every attribute names a
 * taxonomy term, every service_at_location a location, and Signpost attributes hold valid values.
 * @param tenantId - the tenant
 * @param service - a schema-valid service
 */
export function checkImportable(tenantId: string, service: OrukService): FieldIssue[] {
  const issues = [
    ...readSignpostAttributes(service.attributes, tenantId).issues,
    ...attributeIssues('', service.attributes),
    ...attributeIssues('organization.', service.organization?.attributes),
  ];
  (service.organization?.organization_identifiers ?? []).forEach((ident, i) => {
    issues.push(...attributeIssues(`organization.organization_identifiers.${i}.`, ident.attributes));
  });
  (service.contacts ?? []).forEach((contact, i) => {
    issues.push(...attributeIssues(`contacts.${i}.`, contact.attributes));
  });
  (service.service_at_locations ?? []).forEach((sal, i) => {
    const prefix = `service_at_locations.${i}.`;
    if (sal.location === undefined && sal.location_id === undefined) {
      issues.push({ field: `${prefix}location_id`, message: 'is required: give the location or its id' });
    }
    const loc = sal.location;
    issues.push(...attributeIssues(`${prefix}location.`, loc?.attributes));
    (loc?.addresses ?? []).forEach((a, j) => {
      issues.push(...attributeIssues(`${prefix}location.addresses.${j}.`, a.attributes));
    });
    (loc?.accessibility ?? []).forEach((a, j) => {
      issues.push(...attributeIssues(`${prefix}location.accessibility.${j}.`, a.attributes));
    });
  });
  return issues;
}
