import type { DeliveryMode, ReferralRoute } from '../modules/directory/vocabulary.ts';

// The demo directory described as plain data (demo-*.data.ts), before it becomes ORUK objects (demo-build.ts).
// Everything in it is invented: organisations, services, people, phone numbers and email addresses.
// Postcodes and their coordinates are real (ONS, see src/modules/geo/data/README.md).

export interface DemoVenue {
  key: string;
  name: string;
  street: string;
  /** A postcode sector (`LS6 3`): the venue gets a real postcode from it, chosen by its key. */
  sector: string;
  accessibility: string[];
}

export interface DemoArea {
  key: string;
  name: string;
  venues: DemoVenue[];
}

export type OrganisationKind = 'network' | 'charity' | 'cic' | 'council' | 'nhs' | 'faith' | 'group';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  /** The area it belongs to, for neighbourhood organisations. */
  area?: string;
}

export interface DemoSchedule {
  freq: 'WEEKLY' | 'MONTHLY';
  /** iCalendar BYDAY: `TU`, `MO,WE,FR`, or with an ordinal for monthly (`1TU`, `-1FR`). */
  byday: string;
  opensAt: string;
  closesAt: string;
  interval?: number;
}

export interface DemoFee {
  amount: number;
  description: string;
}

/** One concrete service, ready to be turned into ORUK. */
export interface DemoService {
  key: string;
  name: string;
  description: string;
  organisation: string;
  /** Null for phone-only or online services. */
  venue: string | null;
  serviceType: string;
  needs: string[];
  deliveryModes: DeliveryMode[];
  referralRoutes: ReferralRoute[];
  minimumAge?: number;
  maximumAge?: number;
  fee?: DemoFee;
  schedules: DemoSchedule[];
  accessCriteria: string;
  redFlags?: string;
  languages?: string[];
  /** Area served; defaults to the venue's area, or all of Leeds. */
  serviceArea?: string;
}

export interface DemoPractice {
  key: string;
  odsCode: string;
  name: string;
  venue: DemoVenue;
}

/** Where a template's services run. */
export type DemoPlacement =
  /** One service at each of these venues. */
  | { venues: string[] }
  /** One service per neighbourhood (at one of its venues), in a share of neighbourhoods. */
  | { neighbourhoods: number }
  /** One service in the organisation's own area (neighbourhood organisations). */
  | { ownArea: true }
  /** One service with no venue: by phone, video or home visits. */
  | { remote: true; base?: string };

/** A service as an organisation describes it, before it is placed; `{area}` and `{venue}` are filled in. */
export interface DemoTemplate {
  key: string;
  name: string;
  description: string;
  type: string;
  needs: string[];
  modes: DeliveryMode[];
  routes: ReferralRoute[];
  ages?: [number | null, number | null];
  fee?: DemoFee;
  /** Fixed schedules, or a choice made per placement so neighbouring groups meet on different days. */
  schedules: DemoSchedule[] | ((pick: <T>(items: readonly T[]) => T) => DemoSchedule[]);
  access: string;
  redFlags?: string;
  languages?: string[];
  at: DemoPlacement;
  /** For `ownArea` templates: the share of organisations that run one (default: all). */
  chance?: number;
}

export interface DemoOrganisationSpec extends DemoOrganisation {
  services: DemoTemplate[];
}
