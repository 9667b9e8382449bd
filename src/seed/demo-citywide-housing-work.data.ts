import { officeHours, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec } from './demo.types.ts';

// City-wide organisations for housing, work, learning, volunteering and immigration advice. All invented.

const ADULT = [18, null] as [number, null];

export const CITYWIDE_HOUSING_WORK: DemoOrganisationSpec[] = [
  {
    key: 'housing-options',
    name: 'Leeds City Council Housing Options',
    kind: 'council',
    description: 'The council’s housing advice and homelessness prevention service.',
    services: [
      {
        key: 'line',
        name: 'Housing Options Advice Line',
        description:
          'Advice for anyone who is homeless or at risk of losing their home: eviction notices, relationship breakdown, leaving hospital or prison. Officers can arrange emergency accommodation the same day.',
        type: 'housing-advice',
        needs: ['housing'],
        modes: ['phone'],
        routes: ['self_referral', 'direct_referral'],
        schedules: [officeHours('08:30', '17:00')],
        access: 'Anyone in Leeds. Out of hours, the emergency homelessness number on the council website.',
        redFlags: 'Sleeping rough tonight or fleeing violence: call straight away, this is same-day work.',
        languages: ['en', 'ur', 'pl', 'ar', 'ro'],
        at: { remote: true, base: 'headrow-advice-centre' },
      },
      {
        key: 'prevention',
        name: 'Homelessness Prevention Drop-in',
        description:
          'Face-to-face help to keep your home: negotiating with landlords, help with rent arrears and deposits, and applications to the housing register.',
        type: 'housing-advice',
        needs: ['housing', 'money_debt'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        schedules: [weekly('MO,TU,WE,TH,FR', '09:30', '12:30')],
        access: 'Leeds residents. Bring any notices from your landlord.',
        at: { venues: ['headrow-advice-centre'] },
      },
    ],
  },
  {
    key: 'tenants-advice',
    name: 'Leeds Tenants’ Advice Project',
    kind: 'charity',
    description: 'A small charity advising private and social renters about their rights.',
    services: [
      {
        key: 'disrepair',
        name: 'Damp, Mould and Disrepair Advice',
        description:
          'Help to get repairs done when your landlord will not act: letters to the landlord, environmental health referrals and, where needed, legal action. Especially for households where damp is affecting health.',
        type: 'housing-advice',
        needs: ['housing', 'legal_advice'],
        modes: ['phone', 'video'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('TU,WE,TH', '10:00', '16:00')],
        access: 'Private or housing association tenants in Leeds.',
        at: { remote: true, base: 'merrion-house-rooms' },
      },
      {
        key: 'drop-in',
        name: 'Renters’ Rights Drop-in',
        description:
          'Advice on deposits, notices, rent increases and illegal eviction, with a housing caseworker.',
        type: 'housing-advice',
        needs: ['housing', 'legal_advice'],
        modes: ['in_person'],
        routes: ['self_referral'],
        ages: ADULT,
        schedules: [weekly('WE', '13:00', '16:00')],
        access: 'Renters in Leeds. Drop in.',
        at: { venues: ['brudenell-centre'] },
      },
    ],
  },
  {
    key: 'safe-at-home',
    name: 'Safe at Home Leeds',
    kind: 'charity',
    description: 'Home improvement agency helping older and disabled people stay safe and well at home.',
    services: [
      {
        key: 'handyperson',
        name: 'Handyperson and Falls Prevention Service',
        description:
          'A handyperson fits grab rails, key safes, smoke alarms and stair rails and fixes trip hazards. Labour is free for people over 60; you pay for materials.',
        type: 'housing-advice',
        needs: ['housing', 'long_term_condition'],
        modes: ['home_visit'],
        routes: ['self_referral', 'direct_referral'],
        ages: [60, null],
        fee: { amount: 0, description: 'Labour free; materials at cost' },
        schedules: [officeHours('08:30', '16:30')],
        access: 'Aged 60 or over, or disabled, and living in Leeds.',
        at: { remote: true, base: 'park-square-offices' },
      },
      {
        key: 'adaptations',
        name: 'Home Adaptations Advice',
        description:
          'Caseworkers help people apply for Disabled Facilities Grants and manage larger adaptations such as level-access showers and stairlifts.',
        type: 'housing-advice',
        needs: ['housing', 'long_term_condition', 'benefits'],
        modes: ['home_visit', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        schedules: [officeHours()],
        access: 'Disabled people in Leeds, usually after an occupational therapy assessment.',
        at: { remote: true, base: 'park-square-offices' },
      },
    ],
  },
  {
    key: 'warm-homes',
    name: 'Warm Homes Leeds CIC',
    kind: 'cic',
    description: 'Energy advice and home energy improvements for households in fuel poverty.',
    services: [
      {
        key: 'visits',
        name: 'Warm and Well Home Energy Visits',
        description:
          'An energy adviser visits to help you use your heating efficiently, read your meter, switch tariffs and apply for free insulation or a new boiler. Priority for people whose health is made worse by the cold.',
        type: 'housing-advice',
        needs: ['housing', 'money_debt', 'long_term_condition'],
        modes: ['home_visit', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        schedules: [officeHours('09:00', '16:30')],
        access: 'Leeds households on a low income or with a health condition made worse by cold.',
        at: { remote: true, base: 'merrion-house-rooms' },
      },
    ],
  },
  {
    key: 'next-step',
    name: 'Next Step Leeds',
    kind: 'charity',
    description:
      'Employment support for people facing barriers to work, including health conditions and disabilities.',
    services: [
      {
        key: 'coaching',
        name: 'Employment Coaching',
        description:
          'A coach works with you for up to a year on the job you want: confidence, CVs, applications, interviews and support in your first months at work. Works alongside health support, not instead of it.',
        type: 'employment',
        needs: ['employment', 'mental_wellbeing'],
        modes: ['in_person', 'phone', 'video'],
        routes: ['self_referral', 'direct_referral'],
        ages: [18, 66],
        schedules: [officeHours()],
        access: 'Leeds residents aged 18 to State Pension age, out of work or at risk of losing work.',
        at: { venues: ['great-george-hub'] },
      },
      {
        key: 'job-club',
        name: '{area} Job Club',
        description:
          'A relaxed weekly session with computers and a work coach: job searching, CVs, online applications and Universal Credit journals.',
        type: 'employment',
        needs: ['employment', 'digital_inclusion'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: [16, null],
        schedules: (pick) => [weekly(pick(['MO', 'TU', 'TH']), '13:00', '15:30')],
        access: 'Aged 16 or over. Drop in.',
        at: { neighbourhoods: 0.35 },
      },
      {
        key: 'work-wellbeing',
        name: 'Work and Wellbeing Support',
        description:
          'For people in work but off sick or struggling because of their health: a caseworker helps you talk to your employer about adjustments and a phased return.',
        type: 'employment',
        needs: ['employment', 'mental_wellbeing', 'long_term_condition'],
        modes: ['phone', 'video'],
        routes: ['direct_referral', 'self_referral'],
        ages: [18, 66],
        schedules: [officeHours()],
        access: 'Employed Leeds residents with a health condition affecting their work.',
        at: { remote: true, base: 'great-george-hub' },
      },
    ],
  },
  {
    key: 'adult-learning',
    name: 'Leeds City Council Adult Learning',
    kind: 'council',
    description: 'Community courses for adults in English, maths, digital skills and wellbeing.',
    services: [
      {
        key: 'esol',
        name: 'English for Speakers of Other Languages at {venue}',
        description:
          'Free English classes from beginner to intermediate, with a crèche at some centres. Practise everyday English for the doctor, school and work.',
        type: 'employment',
        needs: ['employment', 'community_groups'],
        modes: ['in_person'],
        routes: ['self_referral'],
        ages: [19, null],
        schedules: (pick) => [weekly(pick(['MO,WE', 'TU,TH']), '09:30', '12:00')],
        access: 'Aged 19 or over and living in Leeds. An assessment session places you in the right class.',
        languages: ['en'],
        at: { venues: ['brudenell-centre', 'bramley-centre', 'merrion-house-rooms'] },
      },
      {
        key: 'maths-english',
        name: 'Everyday Maths and English at {venue}',
        description:
          'Build confidence with numbers and reading for everyday life and work, at your own pace, in small groups.',
        type: 'employment',
        needs: ['employment'],
        modes: ['in_person'],
        routes: ['self_referral'],
        ages: [19, null],
        schedules: [weekly('WE', '13:00', '15:00')],
        access: 'Aged 19 or over without a GCSE grade 4 in maths or English.',
        at: { venues: ['kirkstall-centre', 'guiseley-centre'] },
      },
    ],
  },
  {
    key: 'volunteer-centre',
    name: 'Volunteer Centre Leeds',
    kind: 'charity',
    description: 'Helps people find volunteering that suits them, and organisations find volunteers.',
    services: [
      {
        key: 'brokerage',
        name: 'Find Volunteering that Suits You',
        description:
          'An adviser helps you find volunteering that fits your interests, health and confidence, and can come with you on the first visit. Volunteering is a proven way to meet people and build skills for work.',
        type: 'employment',
        needs: ['employment', 'loneliness', 'community_groups'],
        modes: ['in_person', 'phone'],
        routes: ['self_referral', 'direct_referral'],
        ages: [16, null],
        schedules: [weekly('MO,TU,WE,TH', '10:00', '16:00')],
        access: 'Aged 16 or over.',
        at: { venues: ['headrow-advice-centre'] },
      },
    ],
  },
  {
    key: 'migrant-rights',
    name: 'Leeds Migrant Rights Advice',
    kind: 'charity',
    description:
      'Regulated immigration advice and practical support for refugees, people seeking asylum and other migrants.',
    services: [
      {
        key: 'immigration',
        name: 'Immigration Advice Clinic',
        description:
          'Regulated advice on asylum, family reunion, EU Settled Status and leave to remain, by appointment with interpreters.',
        type: 'legal-advice',
        needs: ['legal_advice', 'housing', 'benefits'],
        modes: ['in_person', 'phone'],
        routes: ['self_referral', 'direct_referral'],
        schedules: [weekly('TU,TH', '10:00', '16:00')],
        access: 'Migrants living in Leeds. Appointments needed; bring your Home Office letters.',
        languages: ['en', 'ar', 'fa', 'ti', 'ku', 'fr'],
        at: { venues: ['park-square-offices'] },
      },
      {
        key: 'welcome',
        name: 'Welcome Drop-in and Conversation Club',
        description:
          'A weekly drop-in with hot food, English conversation practice, help with letters and a clothing bank. A friendly place to meet others who have recently arrived in Leeds.',
        type: 'social-group',
        needs: ['loneliness', 'community_groups', 'legal_advice'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        schedules: [weekly('WE', '11:00', '14:00')],
        access: 'Open to refugees, people seeking asylum and other migrants.',
        languages: ['en', 'ar', 'fa', 'ti'],
        at: { venues: ['brudenell-centre'] },
      },
    ],
  },
];
