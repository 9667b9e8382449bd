import { fortnightly, monthly, officeHours, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec } from './demo.types.ts';

// City-wide groups run by and for communities of identity and experience. All invented.

const ADULT = [18, null] as [number, null];
const CRISIS =
  'Not a crisis service. Anyone at immediate risk of suicide or serious self-harm needs 999, A&E or NHS 111 (mental health option) first.';

export const CITYWIDE_PEER: DemoOrganisationSpec[] = [
  {
    key: 'rainbow-elders',
    name: 'Rainbow Elders Leeds',
    kind: 'group',
    description: 'A social and support group for LGBTQ+ people over 50.',
    services: [
      {
        key: 'social',
        name: 'Rainbow Elders Social',
        description:
          'A monthly afternoon social with tea, talks, outings and film screenings, for lesbian, gay, bisexual, trans and queer people over 50.',
        type: 'social-group',
        needs: ['loneliness', 'community_groups'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: [50, null],
        schedules: [monthly('2SA', '14:00', '16:30')],
        access: 'LGBTQ+ people aged 50 or over.',
        at: { venues: ['merrion-house-rooms'] },
      },
      {
        key: 'befriending',
        name: 'Rainbow Elders Befriending',
        description:
          'Phone or home-visit befriending from an LGBTQ+ volunteer, for older LGBTQ+ people who are isolated.',
        type: 'befriending',
        needs: ['loneliness'],
        modes: ['phone', 'home_visit'],
        routes: ['self_referral', 'direct_referral'],
        ages: [50, null],
        schedules: [officeHours('10:00', '16:00')],
        access: 'LGBTQ+ people aged 50 or over living in Leeds.',
        at: { remote: true },
      },
    ],
  },
  {
    key: 'deaf-hub',
    name: 'Leeds Deaf Community Hub',
    kind: 'charity',
    description: 'A centre run by and for Deaf British Sign Language users.',
    services: [
      {
        key: 'social',
        name: 'BSL Social and Advice Afternoon',
        description:
          'A weekly social for Deaf BSL users with an advice worker who signs, for help with letters, benefits and appointments.',
        type: 'social-group',
        needs: ['loneliness', 'community_groups', 'benefits'],
        modes: ['in_person', 'video'],
        routes: ['self_referral', 'signpost_only'],
        schedules: [weekly('TH', '13:00', '16:00')],
        access: 'Deaf BSL users and their families.',
        languages: ['bfi', 'en'],
        at: { venues: ['park-square-offices'] },
      },
    ],
  },
  {
    key: 'sight-support',
    name: 'Leeds Sight Support',
    kind: 'charity',
    description: 'Support for people with sight loss to stay independent and connected.',
    services: [
      {
        key: 'peer',
        name: 'Sight Loss Peer Group at {venue}',
        description:
          'A monthly group for people living with sight loss: share tips, try out equipment and meet others.',
        type: 'peer-support',
        needs: ['long_term_condition', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [monthly('3MO', '10:30', '12:30')],
        access: 'Adults with sight loss. Volunteer guides can meet you at the bus stop.',
        at: { venues: ['horsforth-hall', 'meanwood-institute'] },
      },
    ],
  },
  {
    key: 'young-minds',
    name: 'Leeds Young Minds Hub',
    kind: 'charity',
    description: 'Emotional wellbeing support for young people aged 13 to 25.',
    services: [
      {
        key: 'drop-in',
        name: 'Young People’s Wellbeing Drop-in',
        description:
          'Talk to a youth wellbeing worker without an appointment about stress, exams, relationships, identity or anything else.',
        type: 'youth',
        needs: ['mental_wellbeing', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: [13, 25],
        schedules: [weekly('TU,TH', '15:30', '19:00')],
        access: 'Aged 13 to 25, living or studying in Leeds.',
        redFlags: CRISIS,
        at: { venues: ['great-george-hub'] },
      },
      {
        key: 'online',
        name: 'Young Minds Online Chat',
        description: 'An anonymous online chat with trained workers, in the evenings.',
        type: 'youth',
        needs: ['mental_wellbeing'],
        modes: ['video'],
        routes: ['self_referral'],
        ages: [13, 25],
        schedules: [weekly('MO,TU,WE,TH,FR', '18:00', '22:00')],
        access: 'Aged 13 to 25.',
        redFlags: CRISIS,
        at: { remote: true },
      },
    ],
  },
  {
    key: 'autistic-adults',
    name: 'Leeds Autistic Adults Network',
    kind: 'group',
    description: 'A peer-led network for autistic adults.',
    services: [
      {
        key: 'peer',
        name: 'Autistic Adults Peer Meet-up',
        description:
          'A calm, structured meet-up for autistic adults (diagnosed or self-identified), with quiet space and clear plans for each session.',
        type: 'peer-support',
        needs: ['loneliness', 'mental_wellbeing', 'community_groups'],
        modes: ['in_person', 'video'],
        routes: ['self_referral'],
        ages: ADULT,
        schedules: [fortnightly('SA', '13:00', '15:00')],
        access: 'Autistic adults. Email first for a welcome pack.',
        at: { venues: ['merrion-house-rooms'] },
      },
    ],
  },
];
