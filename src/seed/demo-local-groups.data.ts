import { fortnightly, monthly, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec, DemoTemplate } from './demo.types.ts';

// Small neighbourhood groups: men's sheds, youth projects, growers and faith groups. All invented.

function shed(
  area: string,
  areaName: string,
  venue: string,
  days: string,
  extra: DemoTemplate[] = [],
): DemoOrganisationSpec {
  return {
    key: `shed-${area}`,
    name: `${areaName} Men's Shed`,
    kind: 'group',
    area,
    description: `A community workshop in ${areaName} where people (mostly men, everyone welcome) meet to make, mend and chat. Run by its members.`,
    services: [
      {
        key: 'shed',
        name: `${areaName} Men's Shed`,
        description:
          'Woodwork, bike repairs and small building projects for the community, with a kettle always on. Members share skills and look out for each other; many join after retirement, redundancy or a bereavement. No experience needed.',
        type: 'mens-group',
        needs: ['loneliness', 'community_groups', 'mental_wellbeing'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: [18, null],
        fee: { amount: 2, description: '£2 a session towards tea and materials' },
        schedules: [weekly(days, '09:30', '13:00')],
        access:
          'Aged 18 or over. Come along for a cuppa first; a member will show you round and do a short safety induction.',
        redFlags:
          'Power tools are used: not suitable for someone who is intoxicated or whose condition makes tool use unsafe.',
        at: { venues: [venue] },
      },
      ...extra,
    ],
  };
}

function youth(
  key: string,
  name: string,
  area: [string, string],
  venue: string,
  clubDay: string,
): DemoOrganisationSpec {
  return {
    key,
    name,
    kind: 'charity',
    area: area[0],
    description: `A youth charity offering open-access clubs, one-to-one support and trips for young people in ${area[1]}.`,
    services: [
      {
        key: 'club',
        name: `${name} Youth Club`,
        description:
          'An evening youth club with pool, music, cooking and sport, and youth workers to talk to about anything. A safe, warm place to be with friends.',
        type: 'youth',
        needs: ['community_groups', 'mental_wellbeing', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: [11, 18],
        schedules: [weekly(clubDay, '18:00', '20:30')],
        access: 'Aged 11 to 18. Drop in; a parent or carer fills in a contact form on the first visit.',
        at: { venues: [venue] },
      },
      {
        key: 'mentoring',
        name: `${name} One-to-One Support`,
        description:
          'Six to twelve weekly sessions with a youth worker for young people who are struggling with low mood, friendships, school or home. Sessions can be a walk, a game of pool or a coffee.',
        type: 'youth',
        needs: ['mental_wellbeing', 'loneliness'],
        modes: ['in_person', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        ages: [11, 25],
        schedules: [weekly('MO,TU,WE,TH,FR', '10:00', '18:00')],
        access: 'Aged 11 to 25. Referrals from GPs, schools and families, or the young person themselves.',
        redFlags:
          'Not a mental health crisis service: a young person at risk of suicide or self-harm needs the crisis team or NHS 111 (mental health option) first.',
        at: { venues: [venue] },
      },
    ],
  };
}

function growers(key: string, name: string, area: string, venue: string, day: string): DemoOrganisationSpec {
  return {
    key,
    name,
    kind: 'cic',
    area,
    description: `A community growing project in ${name.split(' ')[0] ?? 'Leeds'} run as a community interest company, growing food and wellbeing together.`,
    services: [
      {
        key: 'gardening',
        name: `${name}: Therapeutic Gardening`,
        description:
          'Grow fruit and vegetables, look after the wildlife pond and share what is harvested. Sessions are relaxed and tasks suit all abilities, with raised beds for people who cannot kneel. Tools, gloves and waterproofs provided.',
        type: 'green',
        needs: ['mental_wellbeing', 'physical_activity', 'community_groups', 'loneliness'],
        modes: ['in_person'],
        routes: ['direct_referral', 'self_referral'],
        ages: [16, null],
        schedules: [weekly(day, '10:00', '14:00')],
        access: 'Aged 16 or over. A short welcome visit is booked first.',
        redFlags: 'Outdoor site with uneven paths and limited shelter; no accessible toilet on site.',
        at: { venues: [venue] },
      },
    ],
  };
}

function faith(key: string, name: string, area: string, venue: string, day: string): DemoOrganisationSpec {
  return {
    key,
    name,
    kind: 'faith',
    area,
    description: `${name} opens its doors to the whole community, whatever their faith or none.`,
    services: [
      {
        key: 'pantry',
        name: `${name} Community Pantry`,
        description:
          'A membership food pantry: pay a small weekly amount and choose around £20 of groceries, fresh fruit and vegetables. Members also get budgeting tips and recipe cards. Helps make money go further without needing a food bank voucher.',
        type: 'food',
        needs: ['healthy_eating', 'money_debt'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: [18, null],
        fee: { amount: 4.5, description: '£4.50 a week membership' },
        schedules: [weekly(day, '12:00', '15:00')],
        access: 'Living in the local area. Join at your first visit; bring proof of address if you have it.',
        at: { venues: [venue] },
      },
      {
        key: 'warm-space',
        name: `${name} Warm Welcome and Community Meal`,
        description:
          'A free hot meal and a warm, friendly space to spend the afternoon, with board games, newspapers and phone charging. Everyone welcome; no questions asked.',
        type: 'lunch-club',
        needs: ['loneliness', 'healthy_eating', 'money_debt'],
        modes: ['in_person'],
        routes: ['signpost_only'],
        schedules: [fortnightly(day, '16:00', '19:00')],
        access: 'Open to anyone. No need to book.',
        at: { venues: [venue] },
      },
    ],
  };
}

const REPAIR_CAFE: DemoTemplate = {
  key: 'repair-cafe',
  name: 'Bramley Repair Café',
  description:
    'Bring broken lamps, toasters, clothes and bikes and fix them with a volunteer, over tea and cake. Saves money and makes friends.',
  type: 'social-group',
  needs: ['community_groups', 'money_debt', 'loneliness'],
  modes: ['in_person'],
  routes: ['signpost_only'],
  schedules: [monthly('1SA', '10:00', '13:00')],
  access: 'Open to everyone. One item each when it is busy.',
  at: { venues: ['bramley-baths-rooms'] },
};

export const LOCAL_GROUPS: DemoOrganisationSpec[] = [
  shed('kirkstall', 'Kirkstall', 'kirkstall-centre', 'TU,TH'),
  shed('otley', 'Otley', 'otley-kirkgate-rooms', 'WE'),
  shed('horsforth', 'Horsforth', 'newlay-rooms', 'MO,TH'),
  shed('bramley', 'Bramley', 'bramley-centre', 'TU', [REPAIR_CAFE]),
  shed('guiseley', 'Guiseley', 'guiseley-chapel', 'FR'),
  youth(
    'youth-northside',
    'Northside Youth Project',
    ['hyde-park', 'Hyde Park and Woodhouse'],
    'brudenell-centre',
    'TU,TH',
  ),
  youth(
    'youth-aire-valley',
    'Aire Valley Young People',
    ['yeadon', 'Yeadon and Rawdon'],
    'yeadon-town-hall-rooms',
    'WE',
  ),
  youth('youth-otley', 'Otley Youth Space', ['otley', 'Otley'], 'otley-courthouse', 'MO,TH'),
  youth('youth-bramley', 'Bramley Young Voices', ['bramley', 'Bramley'], 'bramley-baths-rooms', 'WE,FR'),
  growers('growers-meanwood', 'Meanwood Valley Growers', 'meanwood', 'meanwood-institute', 'WE'),
  growers(
    'growers-kirkstall',
    'Kirkstall Bridge Growing Together',
    'kirkstall',
    'kirkstall-allotments',
    'TU',
  ),
  growers('growers-otley', 'Otley Riverside Growers', 'otley', 'otley-riverside-plots', 'TH'),
  growers('growers-adel', 'Adel Woodland Garden Project', 'adel-cookridge', 'adel-rooms', 'FR'),
  faith('faith-shire-oak', 'Shire Oak Church', 'headingley', 'shire-oak-hall', 'TH'),
  faith('faith-abbey-road', 'Abbey Road Chapel', 'kirkstall', 'abbey-road-chapel', 'WE'),
  faith('faith-cookridge', 'Cookridge Methodist Church', 'adel-cookridge', 'cookridge-hall', 'TU'),
  faith('faith-guiseley-green', 'Guiseley Green Chapel', 'guiseley', 'guiseley-chapel', 'MO'),
];
