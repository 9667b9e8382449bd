// Signpost's controlled vocabularies for the directory. They are exported through ORUK `attribute`s
// under local taxonomies (see `signpostTaxonomies`), never as extra ORUK fields.

export const CAPACITY_STATUSES = [
  'accepting',
  'waitlist',
  'paused',
  'closed',
  'assessment_required',
  'unknown',
] as const;
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number];

export const CAPACITY_LABELS: Record<CapacityStatus, string> = {
  accepting: 'Accepting people',
  waitlist: 'Waiting list',
  paused: 'Paused: not taking people',
  closed: 'Closed',
  assessment_required: 'Capacity confirmed at assessment',
  unknown: 'Capacity unknown',
};

export const DELIVERY_MODES = ['in_person', 'phone', 'video', 'home_visit'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const DELIVERY_MODE_LABELS: Record<DeliveryMode, string> = {
  in_person: 'In person',
  phone: 'By phone',
  video: 'By video call',
  home_visit: 'Home visit',
};

export const REFERRAL_ROUTES = ['signpost_only', 'direct_referral', 'self_referral'] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];

export const REFERRAL_ROUTE_LABELS: Record<ReferralRoute, string> = {
  signpost_only: 'Signpost only: the person contacts the service',
  direct_referral: 'Takes referrals from professionals',
  self_referral: 'People can refer themselves',
};

export interface Need {
  code: string;
  label: string;
  /** Words people use for this need; they feed search so "lonely" finds befriending. */
  keywords: string[];
  /**
   * LGA Needs List id (`esdNeed:`) where a mapping is known (DOMAIN.md 5.6). Only 69 (Social inclusion)
   * and 71 (Community facilities) are confirmed there; others stay null until checked against the list.
   */
  esdNeed: string | null;
}

export const NEEDS: readonly Need[] = [
  {
    code: 'loneliness',
    label: 'Loneliness and isolation',
    keywords: [
      'lonely',
      'loneliness',
      'isolated',
      'isolation',
      'alone',
      'befriending',
      'friendship',
      'company',
      'social',
    ],
    esdNeed: '69',
  },
  {
    code: 'money_debt',
    label: 'Money and debt',
    keywords: [
      'money',
      'debt',
      'debts',
      'bills',
      'budgeting',
      'arrears',
      'finance',
      'poverty',
      'cost of living',
    ],
    esdNeed: null,
  },
  {
    code: 'benefits',
    label: 'Benefits',
    keywords: ['benefits', 'universal credit', 'pip', 'welfare', 'entitlement', 'allowance'],
    esdNeed: null,
  },
  {
    code: 'housing',
    label: 'Housing',
    keywords: ['housing', 'homeless', 'homelessness', 'eviction', 'tenancy', 'landlord', 'rent', 'damp'],
    esdNeed: null,
  },
  {
    code: 'employment',
    label: 'Employment and skills',
    keywords: ['employment', 'job', 'jobs', 'work', 'unemployed', 'cv', 'skills', 'training', 'volunteering'],
    esdNeed: null,
  },
  {
    code: 'carer_support',
    label: 'Carer support',
    keywords: ['carer', 'carers', 'caring', 'respite', 'looking after'],
    esdNeed: null,
  },
  {
    code: 'bereavement',
    label: 'Bereavement',
    keywords: ['bereavement', 'bereaved', 'grief', 'loss', 'death', 'widowed'],
    esdNeed: null,
  },
  {
    code: 'physical_activity',
    label: 'Physical activity',
    keywords: ['exercise', 'walking', 'activity', 'fitness', 'sport', 'swimming', 'dance', 'movement'],
    esdNeed: null,
  },
  {
    code: 'healthy_eating',
    label: 'Healthy eating and food',
    keywords: ['food', 'eating', 'diet', 'nutrition', 'cooking', 'weight', 'food bank', 'hunger'],
    esdNeed: null,
  },
  {
    code: 'mental_wellbeing',
    label: 'Mental wellbeing',
    keywords: ['mental', 'wellbeing', 'anxiety', 'stress', 'low mood', 'depression', 'worry', 'talking'],
    esdNeed: null,
  },
  {
    code: 'long_term_condition',
    label: 'Long-term condition support',
    keywords: [
      'long-term condition',
      'diabetes',
      'arthritis',
      'copd',
      'pain',
      'self-management',
      'peer support',
    ],
    esdNeed: null,
  },
  {
    code: 'community_groups',
    label: 'Community groups and activities',
    keywords: ['community', 'group', 'club', 'hobby', 'arts', 'crafts', 'gardening', 'volunteering'],
    esdNeed: '71',
  },
  {
    code: 'digital_inclusion',
    label: 'Digital skills and access',
    keywords: ['digital', 'computer', 'internet', 'online', 'smartphone', 'tablet'],
    esdNeed: null,
  },
  {
    code: 'substance_use',
    label: 'Alcohol, drugs and gambling',
    keywords: ['alcohol', 'drinking', 'drugs', 'addiction', 'gambling', 'smoking'],
    esdNeed: null,
  },
  {
    code: 'domestic_abuse',
    label: 'Domestic abuse',
    keywords: ['domestic abuse', 'violence', 'abuse', 'safety', 'coercive'],
    esdNeed: null,
  },
  {
    code: 'legal_advice',
    label: 'Legal and immigration advice',
    keywords: ['legal', 'law', 'immigration', 'asylum', 'rights', 'solicitor'],
    esdNeed: null,
  },
];

export const NEED_CODES = NEEDS.map((n) => n.code);

export function findNeed(code: string): Need | undefined {
  return NEEDS.find((n) => n.code === code);
}
