import { NEIGHBOURHOODS } from './demo-areas.data.ts';
import { fortnightly, monthly, officeHours, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec, DemoTemplate } from './demo.types.ts';

// Neighbourhood organisations: an older people's network in every neighbourhood (Leeds has a long tradition
// of these), and small local groups: men's sheds, youth projects, growers and faith groups. All invented.

const OLDER = [60, null] as [number, null];
const NOT_CARE =
  'Not a care service: volunteers cannot help with personal care, medication or money. If the person is at risk of harm, raise a safeguarding concern before referring.';

const NETWORK_SERVICES: DemoTemplate[] = [
  {
    key: 'lunch-club',
    name: '{area} Lunch Club',
    description:
      'A hot two-course lunch and good company at {venue}. Regulars look forward to a quiz or a singer most weeks. Vegetarian, halal and soft-food meals on request. Volunteer drivers can collect people who cannot get there on their own.',
    type: 'lunch-club',
    needs: ['loneliness', 'healthy_eating', 'community_groups'],
    modes: ['in_person'],
    routes: ['self_referral', 'direct_referral'],
    ages: OLDER,
    fee: { amount: 5, description: '£5 for a two-course lunch; transport £2 each way' },
    schedules: (pick) => [weekly(pick(['TU', 'WE', 'TH']), '11:30', '14:00')],
    access:
      'Aged 60 or over and living in {area}. Book a place by phone the week before so the cook knows numbers.',
    redFlags: 'Meals cannot be adapted for severe allergies. ' + NOT_CARE,
    at: { ownArea: true },
  },
  {
    key: 'telephone-befriending',
    name: '{org} Telephone Friends',
    description:
      'A friendly phone call every week from the same trained volunteer, for older people in {area} who feel lonely or cut off. Calls last about half an hour, at a time that suits you. Many people go on to join a group once they feel ready.',
    type: 'befriending',
    needs: ['loneliness', 'mental_wellbeing'],
    modes: ['phone'],
    routes: ['self_referral', 'direct_referral'],
    ages: OLDER,
    schedules: [officeHours('10:00', '16:00')],
    access:
      'Aged 60 or over, living in {area}, and agrees to the referral. A coordinator phones first to match you with a volunteer.',
    redFlags:
      'Not a crisis line: if the person is in crisis, call NHS 111 and choose the mental health option. ' +
      NOT_CARE,
    at: { remote: true },
  },
  {
    key: 'home-befriending',
    name: '{area} Home Visiting Befriending',
    description:
      'A volunteer visits at home for a cup of tea and a chat, or a short walk to the shops or the park. For older people in {area} who rarely get out, including after a spell in hospital or a bereavement.',
    type: 'befriending',
    needs: ['loneliness', 'bereavement', 'mental_wellbeing'],
    modes: ['home_visit'],
    routes: ['direct_referral', 'self_referral'],
    ages: OLDER,
    schedules: [officeHours('09:30', '16:30')],
    access:
      'Aged 60 or over, living in {area}, and unable to get to groups without help. A coordinator visits first.',
    redFlags:
      'Volunteers are DBS checked but cannot visit homes where there are known risks to lone visitors; say so on the referral. ' +
      NOT_CARE,
    at: { ownArea: true },
  },
  {
    key: 'seated-exercise',
    name: 'Seated Exercise at {venue}',
    description:
      'Gentle chair-based exercise to music, led by a qualified instructor, to keep joints moving and improve balance and strength. Tea and biscuits afterwards. Suitable for people who use a walking aid.',
    type: 'physical-activity',
    needs: ['physical_activity', 'long_term_condition', 'loneliness'],
    modes: ['in_person'],
    routes: ['self_referral', 'signpost_only'],
    ages: [55, null],
    fee: { amount: 2.5, description: '£2.50 a session' },
    schedules: (pick) => [weekly(pick(['MO', 'WE', 'FR']), '10:00', '11:00')],
    access: 'Aged 55 or over. Just turn up; tell the instructor about any health condition before you start.',
    redFlags:
      'Not suitable straight after a fall, fracture or heart event without the clinician’s agreement.',
    at: { ownArea: true },
  },
  {
    key: 'friendship-cafe',
    name: '{area} Friendship Café',
    description:
      'A drop-in café where older people in {area} meet for a brew, a chat and a game of dominoes or cards. Volunteers keep an eye out for newcomers, so nobody sits alone. Information stalls from local services most months.',
    type: 'social-group',
    needs: ['loneliness', 'community_groups'],
    modes: ['in_person'],
    routes: ['signpost_only', 'self_referral'],
    ages: [55, null],
    fee: { amount: 1, description: '£1 donation for tea and cake' },
    schedules: (pick) => [weekly(pick(['MO', 'TU', 'TH']), '10:00', '12:00')],
    access: 'Open to anyone aged 55 or over. No need to book.',
    at: { ownArea: true },
  },
  {
    key: 'tech-help',
    name: '{area} Tech Help for Over 60s',
    description:
      'Bring your phone, tablet or laptop and a patient volunteer will help with whatever you need: video calls with family, the NHS App, ordering repeat prescriptions or shopping online. Loan tablets available to try.',
    type: 'digital',
    needs: ['digital_inclusion', 'loneliness'],
    modes: ['in_person'],
    routes: ['self_referral', 'signpost_only'],
    ages: OLDER,
    schedules: (pick) => [fortnightly(pick(['TU', 'TH']), '13:30', '15:30')],
    access: 'Aged 60 or over. Book a 30-minute slot by phone.',
    at: { ownArea: true },
    chance: 0.7,
  },
  {
    key: 'outings',
    name: '{area} Day Trips Club',
    description:
      'Monthly coach trips to the coast, the Dales and garden centres, in an accessible minibus. A chance to get out and make friends; volunteers help people on and off the bus.',
    type: 'social-group',
    needs: ['loneliness', 'community_groups'],
    modes: ['in_person'],
    routes: ['self_referral'],
    ages: OLDER,
    fee: { amount: 15, description: '£12 to £18 a trip, depending on distance' },
    schedules: (pick) => [monthly(pick(['2TH', '3WE', '1FR']), '09:30', '16:30')],
    access: 'Aged 60 or over, living in {area}. Must be able to get on the bus with help from one volunteer.',
    at: { ownArea: true },
    chance: 0.6,
  },
  {
    key: 'good-neighbours',
    name: '{area} Good Neighbours Help at Home',
    description:
      'Volunteers help with small jobs that make life at home easier: changing a light bulb, collecting a prescription, a lift to an appointment or help to fill in a form.',
    type: 'befriending',
    needs: ['loneliness', 'carer_support'],
    modes: ['home_visit', 'phone'],
    routes: ['self_referral', 'direct_referral'],
    ages: OLDER,
    schedules: [officeHours('09:30', '15:30')],
    access: 'Aged 60 or over and living in {area}. Lifts need three working days’ notice.',
    redFlags: NOT_CARE,
    at: { ownArea: true },
    chance: 0.6,
  },
  {
    key: 'tai-chi',
    name: 'Tai Chi for Balance, {area}',
    description:
      'A slow, gentle tai chi class that improves balance and confidence and reduces the risk of falls. Done standing, with chairs for support.',
    type: 'physical-activity',
    needs: ['physical_activity', 'long_term_condition'],
    modes: ['in_person'],
    routes: ['self_referral', 'signpost_only'],
    ages: [50, null],
    fee: { amount: 3, description: '£3 a class' },
    schedules: (pick) => [weekly(pick(['TU', 'TH']), '14:00', '15:00')],
    access: 'Aged 50 or over, able to stand for a few minutes with support.',
    at: { ownArea: true },
    chance: 0.5,
  },
  {
    key: 'knit-natter',
    name: '{area} Knit and Natter',
    description:
      'Knitting, crochet and sewing with a cuppa and plenty of chat. Beginners taught; wool donated. The group makes blankets for the neonatal unit and hats for the homeless shelter.',
    type: 'social-group',
    needs: ['loneliness', 'community_groups'],
    modes: ['in_person'],
    routes: ['signpost_only', 'self_referral'],
    schedules: (pick) => [weekly(pick(['MO', 'WE', 'FR']), '13:30', '15:30')],
    access: 'Anyone. Drop in.',
    at: { ownArea: true },
    chance: 0.5,
  },
  {
    key: 'mens-breakfast',
    name: '{area} Men’s Breakfast Club',
    description:
      'A cooked breakfast and conversation for older men, with a speaker or a quiz. Many men find it easier to chat side by side over a bacon sandwich.',
    type: 'mens-group',
    needs: ['loneliness', 'community_groups', 'mental_wellbeing'],
    modes: ['in_person'],
    routes: ['self_referral', 'direct_referral'],
    ages: [55, null],
    fee: { amount: 4, description: '£4 for breakfast' },
    schedules: (pick) => [monthly(pick(['1SA', '2SA', '3FR']), '09:00', '11:00')],
    access: 'Men aged 55 or over.',
    at: { ownArea: true },
    chance: 0.5,
  },
];

const NETWORK_NAMES: Record<string, string> = {
  headingley: 'Headingley Good Neighbours',
  'hyde-park': 'Hyde Park and Woodhouse Neighbours Together',
  kirkstall: 'Kirkstall Valley Neighbourhood Network',
  meanwood: 'Meanwood Elders Network',
  weetwood: 'Weetwood and Far Headingley Friends',
  'adel-cookridge': 'Holt Park and Cookridge Neighbours',
  horsforth: 'Horsforth Community Care Network',
  yeadon: 'Yeadon and Rawdon Neighbourhood Action',
  guiseley: 'Guiseley Good Companions',
  otley: 'Otley Wharfedale Neighbours',
  bramley: 'Bramley and Rodley Friendship Network',
};

export const NEIGHBOURHOOD_NETWORKS: DemoOrganisationSpec[] = NEIGHBOURHOODS.map((area) => ({
  key: `network-${area.key}`,
  name: NETWORK_NAMES[area.key] ?? `${area.name} Neighbourhood Network`,
  kind: 'network',
  area: area.key,
  description: `A local charity helping older people in ${area.name} to live well and stay connected: lunch clubs, befriending, activities and practical help, run by a small staff team and local volunteers.`,
  services: NETWORK_SERVICES,
}));
