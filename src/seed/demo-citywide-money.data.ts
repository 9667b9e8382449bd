import { fortnightly, monthly, officeHours, weekly } from './demo-schedules.ts';
import type { DemoOrganisationSpec } from './demo.types.ts';

// City-wide organisations for debt and money advice, welfare benefits and food. All invented.

const ADULT = [18, null] as [number, null];

export const CITYWIDE_MONEY: DemoOrganisationSpec[] = [
  {
    key: 'money-advice',
    name: 'Leeds Money Advice Partnership',
    kind: 'charity',
    description:
      'Free, confidential and impartial advice on debt, bills and money, from accredited advisers across Leeds.',
    services: [
      {
        key: 'debt-line',
        name: 'Debt Advice Line',
        description:
          'Speak to an accredited debt adviser about rent or council tax arrears, credit cards, catalogues and bailiffs. Advisers can set up breathing space, negotiate with creditors and help with debt relief orders.',
        type: 'debt-advice',
        needs: ['money_debt', 'housing'],
        modes: ['phone', 'video'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [officeHours('09:00', '17:00')],
        access: 'Leeds residents aged 18 or over. Have recent letters and bank statements to hand.',
        redFlags:
          'If bailiffs are due within 48 hours or there is an eviction date, say so at the start of the call: it is prioritised.',
        languages: ['en', 'ur', 'pl'],
        at: { remote: true, base: 'headrow-advice-centre' },
      },
      {
        key: 'drop-in',
        name: 'City Centre Money Advice Drop-in',
        description:
          'Face-to-face help with debts, bills and budgeting, with interpreters available. Advisers can look through paperwork with you and make calls on your behalf.',
        type: 'debt-advice',
        needs: ['money_debt', 'benefits'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: ADULT,
        schedules: [weekly('MO,WE', '10:00', '13:00')],
        access: 'Leeds residents aged 18 or over. First come, first served; arrive early on Mondays.',
        languages: ['en', 'ur', 'pa', 'ar'],
        at: { venues: ['headrow-advice-centre'] },
      },
      {
        key: 'outreach',
        name: 'Money Advice Outreach, {area}',
        description:
          'A debt and money adviser holds appointments at {venue}, so you do not need to travel into town. Help with debts, bills, budgeting and grants.',
        type: 'debt-advice',
        needs: ['money_debt', 'benefits'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: (pick) => [fortnightly(pick(['TU', 'WE', 'TH']), '09:30', '12:30')],
        access: 'Leeds residents aged 18 or over. Book an appointment by phone; a few drop-in slots.',
        at: { neighbourhoods: 0.5 },
      },
      {
        key: 'energy',
        name: 'Energy Bills and Fuel Debt Advice',
        description:
          'Help with energy debts, prepayment meters, warm home discount and supplier hardship funds. Advisers can apply for fuel vouchers for people who have run out of credit.',
        type: 'debt-advice',
        needs: ['money_debt', 'housing'],
        modes: ['phone'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('MO,TU,WE,TH', '09:00', '16:00')],
        access: 'Leeds households struggling with energy costs.',
        redFlags:
          'Someone with no heating or no credit who is unwell or has young children is an urgent case: say so.',
        at: { remote: true, base: 'headrow-advice-centre' },
      },
      {
        key: 'budgeting',
        name: 'Making Money Go Further Course',
        description:
          'A friendly four-week group course on budgeting, bills, avoiding loan sharks and getting the best deals. Refreshments and a free energy-saving pack.',
        type: 'debt-advice',
        needs: ['money_debt'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: ADULT,
        schedules: [weekly('TH', '10:00', '12:00')],
        access: 'Aged 18 or over. Book a place; courses start every six weeks.',
        at: { venues: ['merrion-house-rooms'] },
      },
    ],
  },
  {
    key: 'welfare-rights',
    name: 'Leeds City Council Welfare Rights Service',
    kind: 'council',
    description:
      'The council’s welfare rights team: benefit checks, help with claims, and representation at appeals.',
    services: [
      {
        key: 'line',
        name: 'Welfare Rights Advice Line',
        description:
          'Find out which benefits you can claim and get help with Universal Credit, PIP, Attendance Allowance, Pension Credit and Council Tax Support. Advisers can complete forms with you over the phone.',
        type: 'benefits-advice',
        needs: ['benefits', 'money_debt'],
        modes: ['phone'],
        routes: ['self_referral', 'direct_referral'],
        ages: [16, null],
        schedules: [officeHours('09:00', '16:30')],
        access: 'Leeds residents. Have your National Insurance number and any benefit letters ready.',
        languages: ['en', 'ur', 'pa', 'pl', 'ar', 'bn'],
        at: { remote: true, base: 'park-square-offices' },
      },
      {
        key: 'appeals',
        name: 'Benefit Appeals and Tribunal Support',
        description:
          'Help to challenge a benefit decision: mandatory reconsiderations, appeals and representation at tribunal for people who have been refused PIP, ESA or Universal Credit health elements.',
        type: 'benefits-advice',
        needs: ['benefits', 'legal_advice'],
        modes: ['in_person', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        ages: ADULT,
        schedules: [officeHours('09:00', '17:00')],
        access:
          'Leeds residents with a decision letter dated within the last month (appeal deadlines are strict).',
        at: { venues: ['park-square-offices'] },
      },
      {
        key: 'hubs',
        name: 'Benefit Checks at {venue}',
        description:
          'A welfare rights officer offers benefit checks and help with forms at {venue}. Many older people are missing out on Pension Credit or Attendance Allowance: a check takes about 40 minutes.',
        type: 'benefits-advice',
        needs: ['benefits', 'money_debt'],
        modes: ['in_person'],
        routes: ['self_referral', 'signpost_only'],
        ages: ADULT,
        schedules: (pick) => [monthly(pick(['1TU', '2WE', '3TH', '4MO']), '10:00', '15:00')],
        access: 'Leeds residents. Booking recommended.',
        at: { neighbourhoods: 0.4 },
      },
      {
        key: 'pension-credit',
        name: 'Pension Credit Home Visits',
        description:
          'An adviser visits older people at home to check entitlement to Pension Credit and the help that comes with it, and completes the claim with them.',
        type: 'benefits-advice',
        needs: ['benefits', 'money_debt'],
        modes: ['home_visit', 'phone'],
        routes: ['direct_referral', 'self_referral'],
        ages: [66, null],
        schedules: [officeHours('09:30', '16:00')],
        access: 'Over State Pension age, living in Leeds, and finding it hard to get out.',
        at: { remote: true, base: 'park-square-offices' },
      },
    ],
  },
  {
    key: 'food-network',
    name: 'North West Leeds Food Network',
    kind: 'charity',
    description:
      'A partnership of food banks and pantries in north-west Leeds, run by volunteers and supported by local churches, mosques and schools.',
    services: [
      {
        key: 'food-bank',
        name: '{area} Food Bank',
        description:
          'Three days of emergency food for people in crisis, with toiletries and baby items. Volunteers offer a hot drink and a chat and can link you to money advice so you need the food bank less.',
        type: 'food',
        needs: ['healthy_eating', 'money_debt'],
        modes: ['in_person'],
        routes: ['direct_referral'],
        schedules: (pick) => [weekly(pick(['MO', 'WE', 'FR']), '12:00', '14:30')],
        access:
          'With a food bank voucher from a GP practice, social prescriber, school or advice agency. Up to three vouchers in six months.',
        redFlags:
          'Limited fresh food; tell the food bank about allergies or no cooking facilities when referring.',
        at: { neighbourhoods: 0.55 },
      },
      {
        key: 'delivery',
        name: 'Emergency Food Parcel Delivery',
        description:
          'Food parcels delivered to people who are housebound, shielding or cannot afford the bus, within two working days.',
        type: 'food',
        needs: ['healthy_eating', 'money_debt'],
        modes: ['home_visit'],
        routes: ['direct_referral'],
        schedules: [weekly('TU,FR', '10:00', '15:00')],
        access:
          'Referral by a professional with a food bank voucher, for people who cannot get to a distribution centre.',
        at: { remote: true, base: 'kirkstall-centre' },
      },
      {
        key: 'cook-eat',
        name: 'Cook and Eat on a Budget at {venue}',
        description:
          'Learn to cook simple, healthy meals for under £1 a portion, then sit down and eat together. Take home a bag of ingredients to cook the recipe again.',
        type: 'food',
        needs: ['healthy_eating', 'money_debt', 'loneliness'],
        modes: ['in_person'],
        routes: ['self_referral', 'direct_referral'],
        ages: [16, null],
        schedules: (pick) => [weekly(pick(['TU', 'TH']), '10:00', '12:30')],
        access: 'Aged 16 or over. Six-week courses; book a place.',
        at: { venues: ['bramley-centre', 'brudenell-centre'] },
      },
    ],
  },
];
