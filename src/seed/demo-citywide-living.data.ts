import { officeHours, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec } from './demo.types.ts';

// City-wide organisations for the arts, recovery, healthy living and befriending. All invented.

const ADULT = [18, null] as [number, null];
const CRISIS =
  'Not a crisis service. Anyone at immediate risk of suicide or serious self-harm needs 999, A&E or NHS 111 (mental health option) first.';

export const CITYWIDE_LIVING: DemoOrganisationSpec[] = [
  {
    key: 'canvas-kin',
    name: 'Canvas and Kin Arts CIC',
    kind: 'cic',
    description: 'Arts on prescription and creative groups for wellbeing.',
    services: [
      {
        key: 'arts-prescription',
        name: 'Arts on Prescription at {venue}',
        description:
          'A ten-week creative course with professional artists: painting, printmaking, clay and collage. No experience needed. For people whose mental health, isolation or a long-term condition is affecting their wellbeing.',
        type: 'arts',
        needs: ['mental_wellbeing', 'loneliness', 'community_groups'],
        modes: ['in_person'],
        routes: ['direct_referral'],
        ages: ADULT,
        schedules: (pick) => [weekly(pick(['TU', 'WE', 'TH']), '13:00', '15:30')],
        access: 'Adults referred by a social prescriber, GP or mental health worker. Materials provided.',
        at: { venues: ['cardigan-fields-rooms', 'otley-courthouse', 'bramley-baths-rooms'] },
      },
      {
        key: 'writing',
        name: 'Write it Out: Creative Writing Online',
        description:
          'A relaxed online creative writing group with prompts, short exercises and optional sharing.',
        type: 'arts',
        needs: ['mental_wellbeing', 'loneliness'],
        modes: ['video'],
        routes: ['self_referral'],
        ages: ADULT,
        fee: { amount: 3, description: '£3 a session, free places available' },
        schedules: [weekly('MO', '19:00', '20:30')],
        access: 'Adults with internet access.',
        at: { remote: true },
      },
      {
        key: 'choir',
        name: 'Open Voices Community Choir, {venue}',
        description:
          'A choir for people who think they cannot sing. No auditions, no reading music, lots of fun.',
        type: 'arts',
        needs: ['loneliness', 'mental_wellbeing', 'community_groups'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        fee: { amount: 4, description: '£4 a week, first session free' },
        schedules: [weekly('TH', '19:00', '20:30')],
        access: 'Anyone aged 16 or over.',
        at: { venues: ['headingley-hub', 'rawdon-hub'] },
      },
    ],
  },
  {
    key: 'recovery',
    name: 'Leeds Recovery Partnership (NHS)',
    kind: 'nhs',
    description: 'Drug and alcohol treatment and recovery support for adults in Leeds.',
    services: [
      {
        key: 'self-referral',
        name: 'Drug and Alcohol Service: Self-referral',
        description:
          'Confidential help to cut down or stop drinking or using drugs: assessment, medically supported detox, prescribing, counselling and recovery groups. Walk in, phone or be referred.',
        type: 'substance-use',
        needs: ['substance_use', 'mental_wellbeing'],
        modes: ['in_person', 'phone'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [officeHours('09:00', '17:00')],
        access: 'Adults in Leeds who are worried about their drinking or drug use.',
        redFlags:
          'Someone who is physically dependent on alcohol must not stop suddenly: seizures are possible. Seek medical advice.',
        at: { venues: ['headrow-advice-centre'] },
      },
      {
        key: 'smart',
        name: 'SMART Recovery Meeting, {area}',
        description:
          'A free self-help meeting for people recovering from any addiction, using practical tools to manage urges and stay on track.',
        type: 'substance-use',
        needs: ['substance_use', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: ADULT,
        schedules: (pick) => [weekly(pick(['MO', 'WE', 'TH']), '18:00', '19:30')],
        access: 'Adults. Just come along.',
        at: { neighbourhoods: 0.3 },
      },
      {
        key: 'gambling',
        name: 'Gambling Harm Counselling',
        description:
          'Counselling for people whose gambling is causing problems, and for families affected by someone else’s gambling.',
        type: 'substance-use',
        needs: ['substance_use', 'money_debt', 'mental_wellbeing'],
        modes: ['phone', 'video', 'in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('MO,TU,WE,TH', '09:00', '19:00')],
        access: 'Adults in Leeds affected by gambling harm.',
        at: { remote: true, base: 'headrow-advice-centre' },
      },
    ],
  },
  {
    key: 'healthy-living',
    name: 'Healthy Living Leeds (Leeds City Council)',
    kind: 'council',
    description: 'Council public health programmes for stopping smoking and a healthy weight.',
    services: [
      {
        key: 'stop-smoking',
        name: 'Stop Smoking Service',
        description:
          'Weekly support from a stop smoking adviser for 12 weeks, with free nicotine replacement or a vape starter kit. You are three times more likely to quit with support.',
        type: 'substance-use',
        needs: ['substance_use', 'long_term_condition'],
        modes: ['phone', 'in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: [12, null],
        schedules: [officeHours('08:30', '18:00')],
        access: 'Smokers aged 12 or over who live, work or are registered with a GP in Leeds.',
        at: { remote: true, base: 'great-george-hub' },
      },
      {
        key: 'weight',
        name: 'Healthy Weight Course at {venue}',
        description:
          'A free ten-week group course on eating well, being active and keeping the weight off, with weekly weigh-ins if you want them.',
        type: 'physical-activity',
        needs: ['healthy_eating', 'physical_activity', 'long_term_condition'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('TU', '18:00', '19:30')],
        access: 'Adults with a BMI of 25 or more living in Leeds.',
        at: { venues: ['kirkstall-centre', 'yeadon-town-hall-rooms'] },
      },
    ],
  },
  {
    key: 'befriending-line',
    name: 'Leeds Befriending Line',
    kind: 'charity',
    description: 'Telephone and video befriending for lonely adults of any age across Leeds.',
    services: [
      {
        key: 'phone',
        name: 'Call and Chat Telephone Befriending',
        description:
          'A weekly call from a volunteer matched to your interests, for adults of any age who feel lonely: new parents, carers, people with disabilities, people new to Leeds. Group calls on shared interests too.',
        type: 'befriending',
        needs: ['loneliness', 'mental_wellbeing'],
        modes: ['phone'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('MO,TU,WE,TH,FR,SA', '10:00', '20:00')],
        access: 'Adults in Leeds who feel lonely or isolated.',
        redFlags: CRISIS,
        at: { remote: true },
      },
      {
        key: 'video',
        name: 'Video Befriending for Housebound People',
        description:
          'Weekly video calls with a volunteer, with a loan tablet and help to set it up if you need one.',
        type: 'befriending',
        needs: ['loneliness', 'digital_inclusion'],
        modes: ['video'],
        routes: ['direct_referral'],
        ages: ADULT,
        schedules: [weekly('MO,TU,WE,TH,FR', '10:00', '16:00')],
        access: 'Housebound adults in Leeds, referred by a professional.',
        at: { remote: true },
      },
    ],
  },
  {
    key: 'home-again',
    name: 'Home Again Leeds',
    kind: 'charity',
    description: 'Practical and emotional support for older people after a stay in hospital.',
    services: [
      {
        key: 'home-from-hospital',
        name: 'Home from Hospital Support',
        description:
          'Up to six weeks of support after leaving hospital: a welcome-home visit, shopping, prescription collection, check-in calls and links to longer-term befriending.',
        type: 'befriending',
        needs: ['loneliness', 'long_term_condition', 'carer_support'],
        modes: ['home_visit', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        ages: [55, null],
        schedules: [weekly('MO,TU,WE,TH,FR,SA', '09:00', '17:00')],
        access: 'Aged 55 or over, living in Leeds, discharged in the last two weeks or about to be.',
        redFlags:
          'Not personal care: people needing help with washing, dressing or medication need a care package.',
        at: { remote: true },
      },
    ],
  },
];
