import { fortnightly, monthly, officeHours, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec } from './demo.types.ts';

// City-wide organisations for legal advice, families and libraries. All invented.

const ADULT = [18, null] as [number, null];

export const CITYWIDE_FAMILY: DemoOrganisationSpec[] = [
  {
    key: 'law-centre',
    name: 'Leeds Community Law Centre',
    kind: 'charity',
    description: 'Free legal advice for people who cannot afford a solicitor.',
    services: [
      {
        key: 'employment-law',
        name: 'Employment Rights Clinic',
        description:
          'Free advice from a solicitor on unfair dismissal, unpaid wages, discrimination and sickness absence at work. Appointments last 45 minutes.',
        type: 'legal-advice',
        needs: ['legal_advice', 'employment'],
        modes: ['in_person', 'phone'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('WE', '17:30', '19:30')],
        access: 'Leeds residents on a low income. Book ahead: time limits for employment claims are short.',
        at: { venues: ['park-square-offices'] },
      },
      {
        key: 'family-law',
        name: 'Family Law Advice Clinic',
        description:
          'Advice on child arrangements, divorce and separation, and protective orders, for people who cannot get legal aid.',
        type: 'legal-advice',
        needs: ['legal_advice', 'domestic_abuse'],
        modes: ['in_person', 'phone'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [fortnightly('TU', '10:00', '13:00')],
        access: 'Leeds residents. Book an appointment.',
        redFlags:
          'Someone in danger from a partner needs domestic abuse support and possibly the police first.',
        at: { venues: ['park-square-offices'] },
      },
    ],
  },
  {
    key: 'family-hubs',
    name: 'Leeds City Council Family Hubs',
    kind: 'council',
    description:
      'Family hubs offering groups, courses and support for parents and carers of children aged 0 to 19.',
    services: [
      {
        key: 'stay-play',
        name: '{area} Stay and Play',
        description:
          'A relaxed play session for babies and toddlers with their parents or carers: songs, messy play and a cuppa. Family support workers are there for a chat about feeding, sleep, money or how you are feeling.',
        type: 'youth',
        needs: ['loneliness', 'community_groups', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        schedules: (pick) => [weekly(pick(['MO', 'TU', 'WE', 'TH', 'FR']), '09:30', '11:00')],
        access: 'Parents and carers with children under 5. Just come along.',
        at: { neighbourhoods: 0.4 },
      },
      {
        key: 'parenting',
        name: 'Understanding Your Child Parenting Course, {area}',
        description:
          'An eight-week course for parents and carers on understanding behaviour, staying calm and building a close relationship.',
        type: 'youth',
        needs: ['mental_wellbeing', 'carer_support'],
        modes: ['in_person', 'video'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('TH', '10:00', '12:00')],
        access: 'Parents and carers of children aged 2 to 12 in Leeds.',
        at: { venues: ['bramley-centre', 'rawdon-hub'] },
      },
      {
        key: 'family-support',
        name: 'Family Support Workers',
        description:
          'A family support worker visits at home to help with routines, behaviour, school attendance, money and housing worries, for as long as the family needs.',
        type: 'youth',
        needs: ['carer_support', 'mental_wellbeing', 'money_debt', 'housing'],
        modes: ['home_visit', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        schedules: [officeHours('08:30', '17:00')],
        access: 'Families with children aged 0 to 19 living in Leeds, with the family’s agreement.',
        redFlags:
          'Child protection concerns go to the children’s social work service first, not to family support.',
        at: { remote: true, base: 'bramley-centre' },
      },
    ],
  },
  {
    key: 'libraries',
    name: 'Leeds Libraries (Leeds City Council)',
    kind: 'council',
    description: 'Community libraries with groups, computers, and help for people who cannot get out.',
    services: [
      {
        key: 'chatter',
        name: 'Chatter and Natter at {venue}',
        description:
          'A friendly weekly get-together with tea, conversation, puzzles and a book swap. Library staff welcome newcomers and help with library cards and computers.',
        type: 'social-group',
        needs: ['loneliness', 'community_groups'],
        modes: ['in_person'],
        routes: ['signpost_only'],
        schedules: (pick) => [weekly(pick(['MO', 'WE', 'FR']), '14:00', '15:30')],
        access: 'Anyone. Drop in.',
        at: { neighbourhoods: 0.5 },
      },
      {
        key: 'home-library',
        name: 'Books on Wheels Home Library Service',
        description:
          'Volunteers choose and deliver books, audiobooks and large print every three weeks to people who cannot get to a library, and stay for a chat.',
        type: 'befriending',
        needs: ['loneliness', 'community_groups'],
        modes: ['home_visit'],
        routes: ['self_referral', 'direct_referral'],
        schedules: [officeHours('09:30', '16:30')],
        access: 'Leeds residents who cannot get to a library because of age, illness, disability or caring.',
        at: { remote: true },
      },
      {
        key: 'reading-group',
        name: 'Reading Well Book Group, {area}',
        description:
          'A monthly book group reading titles from the Reading Well list on mental health and wellbeing, led by a librarian.',
        type: 'arts',
        needs: ['mental_wellbeing', 'community_groups', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: [16, null],
        schedules: (pick) => [monthly(pick(['1TU', '2TH', '3MO']), '18:00', '19:30')],
        access: 'Aged 16 or over. Copies of the book are provided.',
        at: { neighbourhoods: 0.25 },
      },
    ],
  },
];
