import type { OrukTaxonomy, OrukTaxonomyTerm } from '../modules/directory/oruk/oruk.schema.ts';
import { demoId } from './demo-random.ts';

// The demo directory's service-type taxonomy: a two-level list in the style of the LGA Services List
// (esdServiceType). Its codes are local, not LGA ids: publishing it as `esdServiceType` would claim ids we
// have not checked, so it is a publisher's own list (DOMAIN.md 5.6 allows local taxonomies).

export const SERVICE_TYPE_TAXONOMY = 'localServiceType';

interface TypeSpec {
  code: string;
  name: string;
  description: string;
  parent?: string;
}

const GROUPS: TypeSpec[] = [
  {
    code: 'connection',
    name: 'Social connection',
    description: 'Services that help people meet others and feel less alone.',
  },
  {
    code: 'advice',
    name: 'Advice and money',
    description: 'Advice on money, debt, benefits, housing, work and rights.',
  },
  {
    code: 'wellbeing',
    name: 'Health and wellbeing',
    description: 'Non-clinical support for physical and emotional wellbeing.',
  },
  {
    code: 'practical',
    name: 'Practical support',
    description: 'Food, digital skills and everyday practical help.',
  },
  {
    code: 'family-safety',
    name: 'Families, carers and safety',
    description: 'Support for carers, young people and people at risk of harm.',
  },
];

const TYPES: TypeSpec[] = [
  {
    code: 'befriending',
    parent: 'connection',
    name: 'Befriending',
    description:
      'Regular contact with a trained volunteer, by phone or in person, for people who feel lonely or isolated.',
  },
  {
    code: 'lunch-club',
    parent: 'connection',
    name: 'Lunch clubs and community meals',
    description: 'Shared meals in a friendly setting.',
  },
  {
    code: 'social-group',
    parent: 'connection',
    name: 'Social groups and clubs',
    description: 'Coffee mornings, clubs and regular get-togethers.',
  },
  {
    code: 'mens-group',
    parent: 'connection',
    name: "Men's sheds and men's groups",
    description: 'Practical and social spaces where men meet, make and mend.',
  },
  {
    code: 'debt-advice',
    parent: 'advice',
    name: 'Debt and money advice',
    description: 'Help with debts, bills, budgeting and dealing with creditors.',
  },
  {
    code: 'benefits-advice',
    parent: 'advice',
    name: 'Welfare benefits advice',
    description: 'Checks of entitlement and help with claims, reviews and appeals.',
  },
  {
    code: 'housing-advice',
    parent: 'advice',
    name: 'Housing advice',
    description: 'Help to find, keep or improve a home.',
  },
  {
    code: 'employment',
    parent: 'advice',
    name: 'Employment and skills',
    description: 'Support into work, training and volunteering.',
  },
  {
    code: 'legal-advice',
    parent: 'advice',
    name: 'Legal and immigration advice',
    description: 'Advice on rights, immigration and legal problems.',
  },
  {
    code: 'physical-activity',
    parent: 'wellbeing',
    name: 'Physical activity',
    description: 'Walking groups, gentle exercise and activity sessions.',
  },
  {
    code: 'peer-support',
    parent: 'wellbeing',
    name: 'Peer support for long-term conditions',
    description: 'Groups run by and for people living with a long-term condition.',
  },
  {
    code: 'emotional-support',
    parent: 'wellbeing',
    name: 'Talking therapies and emotional support',
    description: 'Self-referral talking therapies, listening services and wellbeing courses.',
  },
  {
    code: 'bereavement',
    parent: 'wellbeing',
    name: 'Bereavement support',
    description: 'Support after the death of someone close.',
  },
  {
    code: 'dementia',
    parent: 'wellbeing',
    name: 'Dementia support',
    description: 'Cafés, groups and advice for people living with dementia and their carers.',
  },
  {
    code: 'arts',
    parent: 'wellbeing',
    name: 'Arts and creativity',
    description: 'Arts on prescription, music, crafts and creative groups.',
  },
  {
    code: 'green',
    parent: 'wellbeing',
    name: 'Gardening and green activity',
    description: 'Community gardens, allotments and conservation volunteering.',
  },
  {
    code: 'substance-use',
    parent: 'wellbeing',
    name: 'Alcohol, drugs and gambling support',
    description: 'Advice, groups and recovery support.',
  },
  {
    code: 'food',
    parent: 'practical',
    name: 'Food banks and pantries',
    description: 'Emergency food parcels, pantries and community shops.',
  },
  {
    code: 'digital',
    parent: 'practical',
    name: 'Digital inclusion',
    description: 'Help to get online, devices and data.',
  },
  {
    code: 'carers',
    parent: 'family-safety',
    name: 'Carers support',
    description: 'Information, breaks and groups for unpaid carers.',
  },
  {
    code: 'domestic-abuse',
    parent: 'family-safety',
    name: 'Domestic abuse support',
    description: 'Confidential help for people experiencing domestic abuse.',
  },
  {
    code: 'youth',
    parent: 'family-safety',
    name: 'Youth services',
    description: 'Clubs, mentoring and support for young people.',
  },
];

export const SERVICE_TYPE_CODES = TYPES.map((t) => t.code);

function term(tenantId: string, spec: TypeSpec): OrukTaxonomyTerm {
  return {
    id: demoId(tenantId, 'taxonomy_term', `${SERVICE_TYPE_TAXONOMY}:${spec.code}`),
    code: spec.code,
    name: spec.name,
    description: spec.description,
    taxonomy: SERVICE_TYPE_TAXONOMY,
    taxonomy_id: demoId(tenantId, 'taxonomy', SERVICE_TYPE_TAXONOMY),
    term: spec.code,
    ...(spec.parent === undefined
      ? {}
      : { parent_id: demoId(tenantId, 'taxonomy_term', `${SERVICE_TYPE_TAXONOMY}:${spec.parent}`) }),
  };
}

/**
 * The service-type taxonomy with all its terms (groups first), for this tenant.
 * @param tenantId - the tenant being seeded
 */
export function serviceTypeTaxonomy(tenantId: string): OrukTaxonomy {
  return {
    id: demoId(tenantId, 'taxonomy', SERVICE_TYPE_TAXONOMY),
    name: SERVICE_TYPE_TAXONOMY,
    description:
      'Service types of the demo directory, in two levels, modelled on the LGA Services List (esdServiceType). The codes are local, not LGA ids.',
    version: '2026-11',
    taxonomy_terms: [...GROUPS, ...TYPES].map((spec) => term(tenantId, spec)),
  };
}

/**
 * One service type's term.
 * @param tenantId - the tenant being seeded
 * @param code - a code from SERVICE_TYPE_CODES
 */
export function serviceTypeTerm(tenantId: string, code: string): OrukTaxonomyTerm {
  const spec = TYPES.find((t) => t.code === code);
  if (spec === undefined) {
    throw new Error(`Unknown demo service type ${code}`);
  }
  return term(tenantId, spec);
}
