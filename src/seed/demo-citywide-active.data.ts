import { fortnightly, monthly, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec } from './demo.types.ts';

// City-wide peer support for long-term conditions, and physical and green activity. All invented.

const ADULT = [18, null] as [number, null];

export const CITYWIDE_ACTIVE: DemoOrganisationSpec[] = [
  {
    key: 'breathe',
    name: 'Breathe Together Leeds',
    kind: 'charity',
    description: 'Peer support and activity for people living with lung conditions.',
    services: [
      {
        key: 'singing',
        name: 'Singing for Lung Health at {venue}',
        description:
          'Singing with breathing exercises, led by a trained practitioner, to help people with COPD and other lung conditions manage breathlessness. No singing experience needed.',
        type: 'peer-support',
        needs: ['long_term_condition', 'physical_activity', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('MO', '13:30', '15:00')],
        access: 'Adults with a lung condition, usually after pulmonary rehabilitation.',
        redFlags:
          'Not for people with an active chest infection or on oxygen without their respiratory team’s agreement.',
        at: { venues: ['headingley-hub', 'otley-courthouse'] },
      },
      {
        key: 'copd',
        name: 'COPD Peer Support Group',
        description:
          'Monthly meetings with talks from respiratory nurses and physiotherapists, and time to share tips for living well.',
        type: 'peer-support',
        needs: ['long_term_condition', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: ADULT,
        schedules: [monthly('1WE', '14:00', '16:00')],
        access: 'People with COPD and their families.',
        at: { venues: ['bramley-centre'] },
      },
    ],
  },
  {
    key: 'diabetes',
    name: 'Leeds Diabetes Peer Network',
    kind: 'group',
    description: 'Peer support groups run by and for people living with diabetes.',
    services: [
      {
        key: 'group',
        name: 'Diabetes Peer Support, {area}',
        description:
          'A friendly group for people living with type 1 or type 2 diabetes: swap tips on food, activity and medication, with occasional talks from dietitians and podiatrists.',
        type: 'peer-support',
        needs: ['long_term_condition', 'healthy_eating'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: ADULT,
        schedules: (pick) => [monthly(pick(['2MO', '3TU', '1TH']), '18:30', '20:00')],
        access: 'Adults living with diabetes, and family members.',
        at: { neighbourhoods: 0.3 },
      },
      {
        key: 'online',
        name: 'Diabetes Online Meet-up',
        description:
          'A monthly video meet-up for people who cannot get to a group, including younger adults and people who work.',
        type: 'peer-support',
        needs: ['long_term_condition'],
        modes: ['video'],
        routes: ['self_referral'],
        ages: ADULT,
        schedules: [monthly('-1WE', '19:30', '20:30')],
        access: 'Adults living with diabetes in Leeds.',
        at: { remote: true },
      },
    ],
  },
  {
    key: 'joint-action',
    name: 'Joint Action Leeds',
    kind: 'charity',
    description: 'Support for people living with arthritis and persistent pain.',
    services: [
      {
        key: 'group',
        name: 'Living with Pain Support Group at {venue}',
        description:
          'People with arthritis and persistent pain share ways of coping, pacing and staying active, with gentle movement at the end of each session.',
        type: 'peer-support',
        needs: ['long_term_condition', 'physical_activity', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [fortnightly('WE', '10:30', '12:00')],
        access: 'Adults living with arthritis or persistent pain.',
        at: { venues: ['kirkstall-centre', 'yeadon-town-hall-rooms'] },
      },
      {
        key: 'course',
        name: 'Pain Self-management Course (online)',
        description:
          'A six-week online course on understanding pain, pacing, sleep, mood and talking to your GP about medication.',
        type: 'peer-support',
        needs: ['long_term_condition', 'mental_wellbeing'],
        modes: ['video'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('TU', '14:00', '15:30')],
        access: 'Adults with pain lasting more than three months.',
        at: { remote: true },
      },
    ],
  },
  {
    key: 'heart-stroke',
    name: 'Heart and Stroke Club Leeds',
    kind: 'group',
    description: 'Peer support for people recovering from heart conditions and stroke, and their families.',
    services: [
      {
        key: 'heart',
        name: 'Heart Support Group and Walk',
        description:
          'A short, gentle walk followed by a cuppa and a chat, for people after a heart attack, heart surgery or with heart failure.',
        type: 'peer-support',
        needs: ['long_term_condition', 'physical_activity', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('FR', '10:00', '12:00')],
        access: 'Adults who have completed cardiac rehabilitation.',
        at: { venues: ['weetwood-pavilion'] },
      },
      {
        key: 'stroke',
        name: 'Stroke Survivors Club, {venue}',
        description:
          'Fortnightly club with communication games, exercises and social time for people after a stroke, and their carers.',
        type: 'peer-support',
        needs: ['long_term_condition', 'loneliness', 'carer_support'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        fee: { amount: 2, description: '£2 towards refreshments' },
        schedules: [fortnightly('TU', '13:30', '15:30')],
        access: 'Stroke survivors and their carers. Transport can be arranged.',
        at: { venues: ['bramley-baths-rooms', 'holt-park-centre'] },
      },
    ],
  },
  {
    key: 'health-walks',
    name: 'Active Leeds Health Walks (Leeds City Council)',
    kind: 'council',
    description:
      'Free, led walks for people who want to be more active, run by the council with volunteer walk leaders.',
    services: [
      {
        key: 'walk',
        name: '{area} Health Walk',
        description:
          'A free, friendly walk of about an hour at an easy pace, led by trained volunteers, starting from {venue}. A great way to get more active and meet people; many walkers stay for a coffee afterwards.',
        type: 'physical-activity',
        needs: ['physical_activity', 'loneliness', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        schedules: (pick) => [weekly(pick(['MO', 'TU', 'WE', 'TH', 'FR']), '10:00', '11:00')],
        access: 'Anyone able to walk for an hour on paths with some slopes. Wear comfortable shoes.',
        at: { neighbourhoods: 0.9 },
      },
    ],
  },
  {
    key: 'active-referral',
    name: 'Active Leeds Exercise Referral (Leeds City Council)',
    kind: 'council',
    description:
      'Supported exercise programmes at council leisure centres for people with health conditions.',
    services: [
      {
        key: 'referral',
        name: 'Exercise Referral Programme at {venue}',
        description:
          'Twelve weeks of supervised exercise with a qualified instructor, at a reduced price, for people with conditions such as high blood pressure, diabetes, depression or joint pain.',
        type: 'physical-activity',
        needs: ['physical_activity', 'long_term_condition', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['direct_referral'],
        ages: [16, null],
        fee: { amount: 2.5, description: '£2.50 a session for 12 weeks' },
        schedules: [weekly('MO,WE,FR', '09:00', '20:00')],
        access:
          'Aged 16 or over with a qualifying condition, referred by a GP, nurse, physiotherapist or social prescriber.',
        redFlags:
          'Blood pressure over 180/100, unstable angina or uncontrolled diabetes exclude: the referrer must confirm.',
        at: { venues: ['holt-park-centre', 'bramley-centre', 'guiseley-centre'] },
      },
    ],
  },
  {
    key: 'green-fingers',
    name: 'Green Fingers Leeds CIC',
    kind: 'cic',
    description: 'Green social prescribing: conservation, gardening and time outdoors for wellbeing.',
    services: [
      {
        key: 'conservation',
        name: 'Conservation Volunteering Days, {area}',
        description:
          'Hedge-laying, path repairs, tree planting and wildlife surveys in local woods and parks, with a qualified leader. Tools and a hot drink provided; lifts from the meeting point.',
        type: 'green',
        needs: ['physical_activity', 'mental_wellbeing', 'community_groups'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: [16, null],
        schedules: [weekly('WE', '10:00', '15:00')],
        access: 'Aged 16 or over. Book your first session.',
        at: { venues: ['weetwood-pavilion', 'kirkstall-allotments'] },
      },
      {
        key: 'green-gym',
        name: 'Green Gym Otley',
        description:
          'A workout outdoors doing practical conservation: burn calories, breathe fresh air and make a difference.',
        type: 'green',
        needs: ['physical_activity', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['self_referral'],
        ages: [16, null],
        schedules: [weekly('SA', '10:00', '13:00')],
        access: 'Aged 16 or over, moderately active.',
        at: { venues: ['otley-riverside-plots'] },
      },
    ],
  },
];
