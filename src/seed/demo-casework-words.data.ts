// The words of the demo caseload: why people were referred, what matters to them, their goals, what
// happened at contacts and at discharge. Written like real notes (short, no pronouns, so any person fits),
// invented, and free of the urgent phrases that flag a referral for a clinician (a unit test checks), except
// for FLAGGED_REASON, which is meant to.

/** Why someone is referred, by their main need (codes of the directory's NEEDS list). */
export const REASONS: Readonly<Partial<Record<string, readonly string[]>>> = {
  loneliness: [
    'Lives alone since partner died two years ago; says whole weeks go by without a proper conversation. Would like to get out more but lacks confidence.',
    'Moved to Leeds last year to be nearer family, who work long hours. Spends most days indoors and feels cut off.',
    'Stopped work this year and misses the company. Mood low and sleeping poorly; keen to find a group or some volunteering.',
    'Has struggled to make friends since moving to Leeds for work. Attends the surgery often with minor worries; would like to meet people.',
  ],
  money_debt: [
    'Behind on energy and council tax bills after hours at work were cut. Worried by enforcement letters; would like debt advice.',
    'Struggling with credit card debt since separating. Anxious about opening the post and not sleeping.',
  ],
  benefits: [
    'Universal Credit stopped after a missed appointment. Needs help to restart the claim and to check whether PIP applies.',
    'Long-term back pain means full-time work is no longer possible. Unsure which benefits might apply.',
  ],
  housing: [
    'Private rented flat has damp and mould and the landlord is not responding. Asthma has been worse all winter.',
    'Has been given notice to leave the flat in eight weeks and does not know where to start looking.',
  ],
  employment: [
    'Out of work for eighteen months after redundancy. Would like help with a CV and the confidence to apply for jobs.',
  ],
  carer_support: [
    'Full-time carer for a partner with dementia. Exhausted, and has had no break in over a year.',
    'Cares for an adult son with a learning disability. Would like a carer’s assessment and some time for themselves.',
  ],
  bereavement: [
    'Partner died in the spring after a long illness. Finding the evenings very hard; family live abroad.',
    'Lost a close friend suddenly this year. Tearful, finding it hard to get back into a routine.',
  ],
  physical_activity: [
    'Type 2 diabetes and weight increasing. Keen to be more active but nervous about gyms.',
    'Physiotherapy after a knee replacement has finished. Wants a gentle, sociable way to keep moving.',
  ],
  healthy_eating: [
    'Pre-diabetes found at an NHS Health Check. Would like practical help with cooking on a budget.',
  ],
  mental_wellbeing: [
    'Low mood and anxiety since the pandemic; on the waiting list for talking therapies and would value something meanwhile.',
    'Stress at work and poor sleep. Does not want medication; interested in mindfulness or a walking group.',
  ],
  long_term_condition: [
    'COPD with frequent GP appointments. Finds breathlessness hard to manage and has stopped going out.',
    'Recently diagnosed with Parkinson’s and would like to meet others living with it.',
  ],
  community_groups: [
    'Keen gardener who lost touch with old groups after moving house. Looking for an allotment or gardening club.',
  ],
  digital_inclusion: [
    'No internet at home; cannot manage online forms or order repeat prescriptions online. Would like help getting started.',
  ],
  substance_use: [
    'Drinking more since losing a job; recognises it is a problem and would like support to cut down.',
  ],
  domestic_abuse: [
    'Disclosed a controlling relationship at a recent appointment and is now staying with a sibling. Would like specialist support and help with next steps.',
  ],
  legal_advice: ['In a dispute with a former employer over unpaid wages. Needs free legal advice.'],
};

/** Needs that often come with each main need (a referral lists one to three). */
export const RELATED_NEEDS: Readonly<Partial<Record<string, readonly string[]>>> = {
  loneliness: ['mental_wellbeing', 'community_groups', 'physical_activity', 'bereavement'],
  money_debt: ['benefits', 'mental_wellbeing', 'housing'],
  benefits: ['money_debt', 'digital_inclusion'],
  housing: ['money_debt', 'legal_advice', 'long_term_condition'],
  employment: ['benefits', 'digital_inclusion', 'mental_wellbeing'],
  carer_support: ['mental_wellbeing', 'loneliness', 'benefits'],
  bereavement: ['loneliness', 'mental_wellbeing'],
  physical_activity: ['healthy_eating', 'long_term_condition', 'loneliness'],
  healthy_eating: ['physical_activity', 'money_debt'],
  mental_wellbeing: ['loneliness', 'physical_activity', 'community_groups'],
  long_term_condition: ['physical_activity', 'loneliness', 'digital_inclusion'],
  community_groups: ['loneliness', 'physical_activity'],
  digital_inclusion: ['benefits', 'loneliness'],
  substance_use: ['mental_wellbeing', 'employment'],
  domestic_abuse: ['housing', 'mental_wellbeing', 'legal_advice'],
  legal_advice: ['money_debt', 'employment'],
};

/** The one referral in the demo meant to be flagged for a clinician (it holds the phrase "self harm"). */
export const FLAGGED_REASON =
  'Mentioned at a medication review that thoughts of self harm have come back since losing the flat. No plan, and a supportive brother nearby. Would like help with housing and someone to talk to.';
export const FLAGGED_RISK = 'Crisis numbers given at the review. Duty GP aware.';

/** "What matters to me", in the person's own words, by main need. */
export const WHAT_MATTERS: Readonly<Partial<Record<string, string>>> = {
  loneliness: 'Having someone to talk to and something to get up for a couple of days a week.',
  money_debt: 'Not dreading the post any more, and keeping the heating on.',
  benefits: 'Getting the money I am entitled to so I can stop borrowing from my sister.',
  housing: 'A home that is not making my chest worse.',
  employment: 'Being back in work and feeling useful again.',
  carer_support: 'A few hours a week that are just for me, knowing they are looked after.',
  bereavement: 'Getting through the evenings, and talking to people who understand.',
  physical_activity: 'Walking to the shops without stopping for breath.',
  healthy_eating: 'Eating better without it costing more.',
  mental_wellbeing: 'Sleeping properly and feeling more like myself.',
  long_term_condition: 'Getting out of the house again without worrying about my breathing.',
  community_groups: 'Getting my hands in the soil again with people who like the same things.',
  digital_inclusion: 'Doing things online myself instead of waiting for my son to visit.',
  substance_use: 'Cutting down so I can be there for my family.',
  domestic_abuse: 'Feeling safe and having a place of my own.',
  legal_advice: 'Getting what I am owed so I can move on.',
};

export interface GoalWords {
  goal: string;
  actions: readonly { text: string; owner: string }[];
}

/** A goal and its actions, by main need. */
export const GOALS: Readonly<Partial<Record<string, GoalWords>>> = {
  loneliness: {
    goal: 'Go to a social group once a week',
    actions: [
      { text: 'Try the Tuesday coffee morning at the community hub', owner: 'Me' },
      { text: 'Find a volunteer to go along the first time', owner: 'Link worker' },
    ],
  },
  money_debt: {
    goal: 'Get the debts under control',
    actions: [
      { text: 'Book a debt advice appointment', owner: 'Link worker' },
      { text: 'Bring the latest bills and letters to the appointment', owner: 'Me' },
    ],
  },
  benefits: {
    goal: 'Sort out my benefits',
    actions: [
      { text: 'Restart the Universal Credit claim with help from the advice service', owner: 'Me' },
      { text: 'Check eligibility for PIP and help with the form', owner: 'Welfare rights adviser' },
    ],
  },
  housing: {
    goal: 'Live somewhere warm and dry',
    actions: [
      { text: 'Report the damp to the council’s private housing team', owner: 'Link worker' },
      { text: 'Keep a diary and photos of the mould', owner: 'Me' },
    ],
  },
  employment: {
    goal: 'Apply for jobs with confidence',
    actions: [
      { text: 'Update my CV at the jobs club', owner: 'Me' },
      { text: 'Referral to the employment support service', owner: 'Link worker' },
    ],
  },
  carer_support: {
    goal: 'Have regular time for myself',
    actions: [
      { text: 'Ask for a carer’s assessment', owner: 'Link worker' },
      { text: 'Try the carers’ support group', owner: 'Me' },
    ],
  },
  bereavement: {
    goal: 'Find support with grief',
    actions: [
      { text: 'Go to the bereavement drop-in', owner: 'Me' },
      { text: 'Ask about one-to-one bereavement support', owner: 'Link worker' },
    ],
  },
  physical_activity: {
    goal: 'Be active three times a week',
    actions: [
      { text: 'Join the beginners’ health walk', owner: 'Me' },
      { text: 'Find a chair-based exercise class nearby', owner: 'Link worker' },
    ],
  },
  healthy_eating: {
    goal: 'Cook healthy meals on a budget',
    actions: [{ text: 'Sign up for the community cooking course', owner: 'Me' }],
  },
  mental_wellbeing: {
    goal: 'Feel calmer and sleep better',
    actions: [
      { text: 'Try the mindfulness course', owner: 'Me' },
      { text: 'Self-refer to NHS Talking Therapies together', owner: 'Link worker' },
    ],
  },
  long_term_condition: {
    goal: 'Manage my condition with others who understand',
    actions: [
      { text: 'Go to the Breathe Easy group', owner: 'Me' },
      { text: 'Ask the practice nurse for a review', owner: 'Me' },
    ],
  },
  community_groups: {
    goal: 'Get back to gardening',
    actions: [{ text: 'Visit the community allotment open day', owner: 'Me' }],
  },
  digital_inclusion: {
    goal: 'Use the internet on my own',
    actions: [
      { text: 'Book the digital drop-in at the library', owner: 'Link worker' },
      { text: 'Set up the NHS App with help', owner: 'Me' },
    ],
  },
  substance_use: {
    goal: 'Drink less',
    actions: [{ text: 'Self-refer to the local alcohol service', owner: 'Me' }],
  },
  domestic_abuse: {
    goal: 'Be safe and settled',
    actions: [
      { text: 'Referral to the domestic abuse service', owner: 'Link worker' },
      { text: 'Speak to the housing options team', owner: 'Me' },
    ],
  },
  legal_advice: {
    goal: 'Get the wages I am owed',
    actions: [{ text: 'Appointment with the free legal advice clinic', owner: 'Link worker' }],
  },
};

/** Notes of a first meeting, of later contacts, and of missed ones. */
export const FIRST_CONTACT_NOTES: readonly string[] = [
  'First meeting at the surgery. Talked through what matters most and agreed to look at groups nearby.',
  'First call. Explained social prescribing; keen to meet. Talked about money worries and getting out more.',
  'Home visit. Long conversation about the past year; agreed two things to try before we next meet.',
  'Met at the community hub. Relaxed and chatty; wants practical help first.',
];
export const FOLLOW_UP_NOTES: readonly string[] = [
  'Phone catch-up: has been to the group twice and enjoying it.',
  'Reviewed the plan together; one action done, one still to do.',
  'Went along to the first session together. Nervous beforehand, pleased afterwards.',
  'Advice appointment went well; payment plan agreed.',
  'Mood brighter. Sleeping a little better.',
  'Hard week; talked it through and agreed to keep going with the walking group.',
  'Call to check in after the referral; the service has been in touch.',
];
export const MISSED_NOTES: readonly string[] = [
  'Did not answer; text sent to rebook.',
  'Not in at the agreed time; card left with a number to call.',
];

/** Discharge summaries, by coded reason. */
export const DISCHARGE_SUMMARIES: Readonly<Partial<Record<string, string>>> = {
  goals_met:
    'Goals met: going to a weekly group and the practical problems are sorted. Knows how to get back in touch.',
  declined_further_support: 'Feels settled now and did not want further support. Knows how to self-refer.',
  unable_to_contact: 'Three attempts by phone and a letter with no reply. Practice informed.',
  moved_away: 'Moved out of the area; given details of the social prescribing service there.',
  needs_clinical_care: 'Needs are now mainly clinical; handed back to the GP with a summary.',
  died: 'Died peacefully at home. Condolences sent to the family.',
  other: 'Now supported by the community mental health team’s peer worker, by agreement.',
};

/** Notes for triage decisions. */
export const DECLINE_NOTES: readonly string[] = [
  'Already supported by a health and wellbeing coach in the practice team.',
  'Moving out of the area next month.',
];
export const REDIRECTED_TO: readonly string[] = [
  'Health and wellbeing coach in the practice team',
  'NHS Talking Therapies (self-referral)',
  'Citizens Advice for debt advice',
  'The council’s housing options team',
  'The local drug and alcohol service',
  'Practice care coordinator for a frailty review',
];

/** Why a link worker refers someone on, by the need the service meets. */
export const ONWARD_REASONS: Readonly<Partial<Record<string, string>>> = {
  loneliness: 'Would like a friendly group nearby to meet people.',
  money_debt: 'Needs debt advice and help with a payment plan.',
  benefits: 'Needs help with a benefits claim.',
  housing: 'Needs advice on disrepair and options for moving.',
  employment: 'Looking for support back into work.',
  carer_support: 'Carer who needs a break and peer support.',
  bereavement: 'Would like support with grief.',
  physical_activity: 'Wants a gentle, sociable way to be more active.',
  healthy_eating: 'Wants to learn to cook healthy meals on a budget.',
  mental_wellbeing: 'Low mood; interested in a wellbeing course.',
  long_term_condition: 'Would like peer support for a long-term condition.',
  community_groups: 'Keen to join a community activity.',
  digital_inclusion: 'Needs help to get online.',
  substance_use: 'Wants support to cut down drinking.',
  domestic_abuse: 'Needs specialist domestic abuse support.',
  legal_advice: 'Needs free legal advice.',
};

/** Safeguarding concerns in the demo: one still open, one resolved. */
export const SAFEGUARDING = {
  open: 'At a home visit, disclosed that an adult grandson takes most of the pension each week and becomes angry if refused. Possible financial abuse.',
  resolved:
    'House very cold and little food in; possible self-neglect since a fall. Discussed with the person, who agreed to a referral.',
  resolution: 'Discussed with the duty GP; adult social care assessment arranged and a care package started.',
} as const;
