import type { OrukContact } from '../modules/directory/oruk/oruk.schema.ts';
import { demoId, type DemoRandom } from './demo-random.ts';
import type { DemoOrganisationSpec, OrganisationKind } from './demo.types.ts';

// Invented contacts. Phone numbers are Ofcom's drama ranges (0113 496 0000-0999 and 07700 900000-900999),
// which are never allocated to real lines; email addresses use the reserved example.org domain.

const FIRST_NAMES = [
  'Amara',
  'Bev',
  'Callum',
  'Deepa',
  'Eilidh',
  'Farid',
  'Gemma',
  'Harjit',
  'Imogen',
  'Jonah',
  'Kasia',
  'Leon',
  'Maryam',
  'Niamh',
  'Owen',
  'Priya',
  'Rhys',
  'Sadia',
  'Tomasz',
  'Una',
  'Vikram',
  'Wendy',
  'Yusuf',
  'Zara',
];
const LAST_NAMES = [
  'Ahmed',
  'Barker',
  'Chowdhury',
  'Dawson',
  'Ellis',
  'Fletcher',
  'Greenwood',
  'Hussain',
  'Iqbal',
  'Jowett',
  'Kowalski',
  'Lister',
  'Mahmood',
  'Naylor',
  'Oduya',
  'Patel',
  'Quinn',
  'Rhodes',
  'Shaw',
  'Thornton',
];

const TITLES: Record<OrganisationKind, string[]> = {
  network: ['Volunteer Coordinator', 'Scheme Manager', 'Activities Coordinator'],
  charity: ['Service Coordinator', 'Referrals Lead', 'Project Worker'],
  cic: ['Project Lead', 'Sessions Coordinator'],
  council: ['Team Leader', 'Duty Officer', 'Service Manager'],
  nhs: ['Service Lead', 'Referrals Coordinator'],
  faith: ['Community Minister', 'Volunteer Lead'],
  group: ['Group Organiser', 'Chair'],
};

export interface DemoContact {
  name: string;
  title: string;
  email: string;
  phone: string;
  /** Who owns the listing and confirms capacity: "Name, Title, Organisation". */
  owner: string;
  oruk: OrukContact;
}

/** The phone number for the index-th service: a Leeds landline, or a mobile for small volunteer groups. */
function phoneNumber(index: number, mobile: boolean): string {
  const n = String(index % 1000).padStart(3, '0');
  return mobile ? `07700 900${n}` : `0113 496 0${n}`;
}

/**
 * An invented contact for one service.
 * @param input - tenant, service id, organisation, catalogue index and the service's random stream
 */
export function demoContact(input: {
  tenantId: string;
  serviceId: string;
  org: DemoOrganisationSpec;
  index: number;
  rng: DemoRandom;
}): DemoContact {
  const { tenantId, serviceId, org, index, rng } = input;
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const name = `${first} ${last}`;
  const title = rng.pick(TITLES[org.kind]);
  const email = `${first}.${last}@example.org`.toLowerCase();
  const small = org.kind === 'group' || org.kind === 'faith' || org.kind === 'network';
  const phone = phoneNumber(index, small && rng.chance(0.5));
  const contactId = demoId(tenantId, 'contact', serviceId);
  return {
    name,
    title,
    email,
    phone,
    owner: `${name}, ${title}, ${org.name}`,
    oruk: {
      id: contactId,
      service_id: serviceId,
      name,
      title,
      email,
      phones: [
        {
          id: demoId(tenantId, 'phone', serviceId),
          service_id: serviceId,
          contact_id: contactId,
          number: phone,
          type: phone.startsWith('07') ? 'cell' : 'voice',
        },
      ],
    },
  };
}
