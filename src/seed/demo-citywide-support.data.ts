import { monthly, officeHours, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec } from './demo.types.ts';

// City-wide organisations for digital inclusion, domestic abuse, carers, advocacy, transport and veterans. All invented.

const ADULT = [18, null] as [number, null];

export const CITYWIDE_SUPPORT: DemoOrganisationSpec[] = [
  {
    key: 'byte-buddies',
    name: 'Byte Buddies Leeds CIC',
    kind: 'cic',
    description:
      'Digital inclusion for people who are offline or lack confidence online: drop-ins, devices and data.',
    services: [
      {
        key: 'drop-in',
        name: 'Digital Drop-in at {venue}',
        description:
          'Friendly one-to-one help with phones, tablets and laptops: email, video calls, the NHS App, online forms and staying safe from scams.',
        type: 'digital',
        needs: ['digital_inclusion'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        schedules: (pick) => [weekly(pick(['MO', 'TU', 'WE', 'TH', 'FR']), '10:00', '12:00')],
        access: 'Anyone. Bring your device and passwords if you have them.',
        at: { neighbourhoods: 0.6 },
      },
      {
        key: 'devices',
        name: 'Device and Data Lending',
        description:
          'Borrow a tablet with six months of free data and get five sessions of help to use it. For people who are digitally excluded because they cannot afford a device.',
        type: 'digital',
        needs: ['digital_inclusion', 'loneliness', 'money_debt'],
        modes: ['home_visit', 'phone'],
        routes: ['direct_referral'],
        schedules: [officeHours('10:00', '16:00')],
        access: 'Referral by a professional for Leeds residents on a low income without a suitable device.',
        redFlags: 'A waiting list builds up every winter; check capacity before promising a device.',
        at: { remote: true, base: 'merrion-house-rooms' },
      },
    ],
  },
  {
    key: 'safe-haven',
    name: 'Safe Haven Leeds',
    kind: 'charity',
    description: 'Confidential support for anyone affected by domestic abuse in Leeds.',
    services: [
      {
        key: 'helpline',
        name: 'Domestic Abuse Helpline',
        description:
          'A confidential helpline for anyone experiencing domestic abuse, and for friends, family and professionals worried about someone. Safety planning, refuge referrals and advice on legal protection.',
        type: 'domestic-abuse',
        needs: ['domestic_abuse', 'housing', 'legal_advice'],
        modes: ['phone'],
        routes: ['self_referral', 'direct_referral'],
        schedules: [weekly('MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59')],
        access:
          'Anyone in Leeds, any gender. The helpline never calls back without checking it is safe to do so.',
        redFlags:
          'Immediate danger: call 999. Do not send letters or texts about the referral to a shared address or phone. Complete a DASH risk assessment where trained to.',
        languages: ['en', 'ur', 'pa', 'pl', 'ar'],
        at: { remote: true },
      },
      {
        key: 'outreach',
        name: 'Community Domestic Abuse Outreach',
        description:
          'A support worker meets you somewhere safe, such as your GP practice, to plan for your safety, help with housing, money and court, and stay with you through the process.',
        type: 'domestic-abuse',
        needs: ['domestic_abuse', 'housing', 'mental_wellbeing'],
        modes: ['in_person', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        ages: [16, null],
        schedules: [officeHours()],
        access: 'Aged 16 or over, living in Leeds. Referrals by phone; say when it is safe to call.',
        redFlags:
          'High-risk cases (MARAC) go to the independent domestic violence advisers; the outreach team will pass them on.',
        at: { remote: true },
      },
      {
        key: 'recovery-group',
        name: 'Freedom Recovery Programme for Women',
        description:
          'A 12-week group for women who have experienced domestic abuse, to understand what happened, rebuild confidence and recognise warning signs. Free crèche.',
        type: 'domestic-abuse',
        needs: ['domestic_abuse', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['direct_referral', 'self_referral'],
        ages: ADULT,
        schedules: [weekly('TH', '10:00', '12:30')],
        access: 'Women aged 18 or over who are no longer living with the abuser. Venue shared on acceptance.',
        at: { remote: true },
      },
    ],
  },
  {
    key: 'carers',
    name: 'Leeds Carers Network',
    kind: 'charity',
    description: 'Information, advice and support for unpaid carers of all ages across Leeds.',
    services: [
      {
        key: 'advice-line',
        name: 'Carers Advice Line',
        description:
          'Advice for anyone who looks after a family member or friend: carer’s assessments, Carer’s Allowance, breaks, and planning for emergencies. A carer support worker can stay in touch.',
        type: 'carers',
        needs: ['carer_support', 'benefits', 'mental_wellbeing'],
        modes: ['phone', 'video'],
        routes: ['self_referral', 'direct_referral'],
        schedules: [officeHours('09:00', '17:00')],
        access: 'Unpaid carers living in Leeds or caring for someone in Leeds.',
        languages: ['en', 'ur', 'pa'],
        at: { remote: true, base: 'merrion-house-rooms' },
      },
      {
        key: 'cafe',
        name: '{area} Carers Café',
        description:
          'Time out for carers: a cuppa, a chat with people who understand, and a carer support worker on hand for advice. The person you care for is welcome too.',
        type: 'carers',
        needs: ['carer_support', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        schedules: (pick) => [monthly(pick(['1WE', '2TU', '3TH', '2FR']), '10:30', '12:30')],
        access: 'Unpaid carers. Drop in.',
        at: { neighbourhoods: 0.55 },
      },
      {
        key: 'young-carers',
        name: 'Young Carers Project',
        description:
          'Clubs, trips and one-to-one support for children and young people who help look after someone at home, and support for their school to understand.',
        type: 'carers',
        needs: ['carer_support', 'mental_wellbeing', 'community_groups'],
        modes: ['in_person', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        ages: [8, 18],
        schedules: [weekly('WE', '16:30', '18:30')],
        access: 'Aged 8 to 18, caring for a family member in Leeds. A worker visits the family first.',
        redFlags:
          'If the caring role puts the child at risk, a safeguarding referral to children’s services comes first.',
        at: { venues: ['merrion-house-rooms'] },
      },
      {
        key: 'breaks',
        name: 'Carers Breaks Fund',
        description:
          'Small grants for carers to take a break: a short holiday, a course, gym membership or replacement care for a day.',
        type: 'carers',
        needs: ['carer_support', 'money_debt', 'mental_wellbeing'],
        modes: ['phone'],
        routes: ['direct_referral', 'self_referral'],
        ages: ADULT,
        schedules: [officeHours('09:30', '16:00')],
        access: 'Adult carers in Leeds providing substantial care. One grant a year.',
        at: { remote: true, base: 'merrion-house-rooms' },
      },
    ],
  },
  {
    key: 'advocacy',
    name: 'Leeds Advocacy Hub',
    kind: 'charity',
    description:
      'Independent advocacy so people can have their say in decisions about their health, care and lives.',
    services: [
      {
        key: 'community',
        name: 'Community Advocacy',
        description:
          'An independent advocate helps you understand your options and speak up with health, care, housing and benefits services, including in meetings.',
        type: 'legal-advice',
        needs: ['legal_advice', 'housing', 'mental_wellbeing'],
        modes: ['in_person', 'phone', 'home_visit'],
        routes: ['direct_referral', 'self_referral'],
        ages: ADULT,
        schedules: [officeHours()],
        access:
          'Adults in Leeds who find it hard to be heard, for example because of a learning disability or mental health condition.',
        at: { remote: true, base: 'park-square-offices' },
      },
      {
        key: 'care-act',
        name: 'Care Act and Health Complaints Advocacy',
        description:
          'Statutory advocacy during care assessments and safeguarding, and help to make a complaint about NHS care.',
        type: 'legal-advice',
        needs: ['legal_advice'],
        modes: ['phone', 'home_visit'],
        routes: ['direct_referral'],
        ages: ADULT,
        schedules: [officeHours()],
        access: 'Referral by the local authority or NHS team; self-referral for NHS complaints.',
        at: { remote: true, base: 'park-square-offices' },
      },
    ],
  },
  {
    key: 'community-transport',
    name: 'Leeds Community Transport',
    kind: 'charity',
    description: 'Accessible door-to-door transport for people who cannot use buses.',
    services: [
      {
        key: 'door-to-door',
        name: 'Door-to-door Accessible Minibus',
        description:
          'Wheelchair-accessible minibuses with trained drivers take members to the shops, lunch clubs, appointments and social groups.',
        type: 'social-group',
        needs: ['loneliness', 'long_term_condition'],
        modes: ['home_visit'],
        routes: ['self_referral', 'direct_referral'],
        fee: { amount: 3.5, description: 'From £3.50 a single journey; annual membership £10' },
        schedules: [weekly('MO,TU,WE,TH,FR', '08:30', '17:30')],
        access:
          'Leeds residents who cannot use public transport because of age, disability or illness. Book at least 48 hours ahead.',
        at: { remote: true, base: 'kirkstall-centre' },
      },
    ],
  },
  {
    key: 'veterans',
    name: 'Leeds Veterans Hub',
    kind: 'charity',
    description: 'Peer support and practical help for armed forces veterans and their families.',
    services: [
      {
        key: 'breakfast',
        name: 'Veterans’ Breakfast Club, {venue}',
        description:
          'A full breakfast and a catch-up with other veterans, with advisers on hand for housing, benefits, pensions and mental health support.',
        type: 'social-group',
        needs: ['loneliness', 'mental_wellbeing', 'community_groups'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: ADULT,
        fee: { amount: 4, description: '£4 breakfast (free for anyone who cannot pay)' },
        schedules: (pick) => [monthly(pick(['1SA', '3SA']), '09:00', '11:00')],
        access: 'Anyone who has served in the armed forces, and their families.',
        at: { venues: ['horsforth-hall', 'great-george-hub'] },
      },
    ],
  },
];
