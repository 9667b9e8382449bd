import type { Destination, NavigationProtocolContent, QuickPick, RedFlag } from './protocol.model.ts';

// The protocol Signpost ships (DOMAIN.md 2.2 and 2.3): a starting point, installed as version 1 of each
// tenant's PCN-wide protocol and marked as not signed off locally. A clinician reviews it, changes what
// their practices do differently, and approves a version of their own.

const flag = (key: string, outcome: RedFlag['outcome'], question: string, phrases: string[]): RedFlag => ({
  key,
  outcome,
  question,
  phrases,
});

export const DEFAULT_RED_FLAGS: readonly RedFlag[] = [
  flag(
    'unconscious',
    'call-999',
    'Has the person collapsed, passed out or lost consciousness, or can they not be woken?',
    ['unconscious', 'collapsed', 'passed out', 'not breathing', 'cant wake', 'wont wake up', 'knocked out'],
  ),
  flag(
    'chest-pain',
    'call-999',
    'Do they have chest pain: a tight band, heavy weight or squeezing in the centre of the chest, or pain spreading to the jaw or neck?',
    [
      'chest pain',
      'pain in my chest',
      'pains in my chest',
      'tight chest',
      'chest feels tight',
      'crushing',
      'heart attack',
    ],
  ),
  flag(
    'breathing',
    'call-999',
    'Are they struggling to breathe: gasping, not able to get words out, or with blue lips?',
    ['cant breathe', 'cannot breathe', 'struggling to breathe', 'gasping', 'blue lips', 'choking'],
  ),
  flag(
    'stroke',
    'call-999',
    'Any sign of a stroke: a face drooping on one side, weakness in an arm, or slurred or muddled speech?',
    [
      'having a stroke',
      'think its a stroke',
      'face drooping',
      'face has dropped',
      'slurred speech',
      'slurring',
    ],
  ),
  flag('confusion', 'call-999', 'Have they suddenly become confused, or is a child drowsy or confused?', [
    'suddenly confused',
    'very confused',
    'very drowsy',
  ]),
  flag('fits', 'call-999', 'Are they having a fit that is not stopping?', [
    'fitting',
    'seizure',
    'fit wont stop',
  ]),
  flag('bleeding', 'call-999', 'Is there severe bleeding that cannot be stopped?', [
    'severe bleeding',
    'bleeding heavily',
    'wont stop bleeding',
    'cant stop the bleeding',
  ]),
  flag('allergy', 'call-999', 'Is there sudden swelling of the lips, tongue or throat?', [
    'swollen tongue',
    'swollen lips',
    'tongue is swelling',
    'throat is swelling',
    'throat closing',
    'anaphyla',
  ]),
  flag('injury', 'call-999', 'Is there a severe burn or scald, a serious head injury or a major accident?', [
    'severe burn',
    'bad burn',
    'scalded',
    'head injury',
    'hit their head',
    'hit my head',
    'car crash',
  ]),
  flag('overdose', 'call-999', 'Have they taken an overdose or been poisoned?', [
    'overdose',
    'poisoned',
    'too many tablets',
    'too many pills',
  ]),
  flag(
    'self-harm',
    'call-999',
    'Have they hurt themselves, or do they plan to hurt themselves or take an overdose?',
    ['self harm', 'harm myself', 'hurt myself', 'cut myself', 'cutting myself'],
  ),
  flag(
    'sepsis',
    'call-999',
    'Signs of sepsis: shivering, extreme pain, pale or blotchy skin, very sleepy, "I feel I might die", or short of breath?',
    ['sepsis', 'feel like im dying', 'feel i might die', 'think im dying', 'blotchy skin', 'mottled'],
  ),
  flag('suicidal', 'duty-gp-now', 'Have they said they are thinking about suicide or ending their life?', [
    'suicid',
    'kill myself',
    'killing myself',
    'end my life',
    'end it all',
    'take my own life',
    'want to die',
    'better off dead',
  ]),
  flag(
    'wont-call-999',
    'duty-gp-now',
    'Is the person unable or unwilling to call 999 for any of the things above?',
    ['wont call 999', 'dont want an ambulance'],
  ),
  flag(
    'not-safe',
    'duty-gp-now',
    'Have they said they are not safe at home, or that someone is hurting them?',
    ['not safe at home', 'hurting me', 'afraid to go home', 'scared to go home'],
  ),
  flag(
    'child-thirst',
    'same-day-gp',
    'Is it a child who is very thirsty, weeing a lot, losing weight or unusually tired?',
    ['very thirsty', 'weeing a lot', 'always thirsty'],
  ),
  flag('eye-emergency', 'same-day-gp', 'Have they suddenly lost sight, or got a chemical in the eye?', [
    'lost my sight',
    'sudden loss of vision',
    'gone blind',
    'chemical in my eye',
    'bleach in my eye',
  ]),
  flag(
    'urgent-not-life-threatening',
    'nhs-111',
    'Is it urgent but not life-threatening, and the practice cannot help today or is closing?',
    [],
  ),
];

const destination = (
  d: Omit<Destination, 'enabled' | 'notSuitableWhen'> & Partial<Destination>,
): Destination => ({
  enabled: true,
  notSuitableWhen: null,
  ...d,
});

export const DEFAULT_DESTINATIONS: readonly Destination[] = [
  destination({
    key: 'community-pharmacy',
    kind: 'nhs',
    name: 'Community pharmacy (Pharmacy First)',
    readAloud:
      'A pharmacist can see you today without an appointment, and for some common conditions can give you treatment, including some prescription medicines.',
    howToAccess: 'Walk in to any community pharmacy, or phone them first.',
    accessCriteria:
      'Pharmacy First covers sinusitis, sore throat, earache, infected insect bites, impetigo, shingles and uncomplicated urine infections in women, within age limits.',
    notSuitableWhen: 'Babies under 1, or symptoms that keep coming back.',
  }),
  destination({
    key: 'clinical-pharmacist',
    kind: 'practice',
    name: 'Practice clinical pharmacist',
    readAloud: 'Our practice pharmacist can talk to you about your medicines and change them if needed.',
    howToAccess: 'Book a phone or face-to-face appointment with reception.',
    accessCriteria: 'Questions about medicines, side effects, repeat prescriptions and medication reviews.',
  }),
  destination({
    key: 'first-contact-physio',
    kind: 'practice',
    name: 'First contact physiotherapist',
    readAloud:
      'A physiotherapist can assess muscle and joint problems straight away, without seeing a GP first.',
    howToAccess: 'Book an appointment with reception.',
    accessCriteria: 'Adults with back, neck or joint pain, sprains and strains.',
    notSuitableWhen: 'A recent fall or injury with severe pain, or a hot, swollen joint.',
  }),
  destination({
    key: 'practice-nurse',
    kind: 'practice',
    name: 'Practice nurse',
    readAloud: 'Our practice nurse can help with this.',
    howToAccess: 'Book an appointment with reception.',
    accessCriteria: 'Dressings, long-term condition checks, contraception, vaccinations, minor illness.',
  }),
  destination({
    key: 'mental-health-practitioner',
    kind: 'practice',
    name: 'Mental health practitioner',
    readAloud:
      'Our mental health practitioner can talk with you about how you are feeling and what help would suit you.',
    howToAccess: 'Book an appointment with reception.',
    accessCriteria: 'Adults with anxiety, low mood or stress.',
    notSuitableWhen: 'Any thought of suicide or self-harm: that is a red flag.',
  }),
  destination({
    key: 'talking-therapies',
    kind: 'nhs',
    name: 'NHS Talking Therapies (self-referral)',
    readAloud:
      'You can refer yourself to NHS Talking Therapies for free talking therapy, without seeing a GP.',
    howToAccess: 'Refer yourself online at nhs.uk/talk or by phone.',
    accessCriteria: 'Adults registered with a GP, with anxiety, depression or stress.',
  }),
  destination({
    key: 'optometrist',
    kind: 'nhs',
    name: 'Optometrist (optician)',
    readAloud: 'An optician can check eye problems, often the same day, and some eye checks are free.',
    howToAccess: 'Phone or visit a high-street optician.',
    accessCriteria: 'Red or sore eyes, something in the eye, changes in vision.',
    notSuitableWhen: 'Sudden loss of sight or a chemical in the eye: that is a red flag.',
  }),
  destination({
    key: 'dentist',
    kind: 'nhs',
    name: 'Dentist',
    readAloud: 'For teeth and gums, a dentist is the right person; GPs cannot treat dental problems.',
    howToAccess: 'Phone your dentist, or NHS 111 for an urgent dentist if you do not have one.',
    accessCriteria: 'Toothache, broken teeth, gum problems.',
    notSuitableWhen: 'Swelling spreading to the eye or neck, or difficulty breathing or swallowing.',
  }),
  destination({
    key: 'health-coach',
    kind: 'practice',
    name: 'Health and wellbeing coach',
    readAloud: 'Our health and wellbeing coach can help you set goals to get more active and feel healthier.',
    howToAccess: 'Ask reception to book you in.',
    accessCriteria:
      'Adults who want support with being active, eating well or managing a long-term condition.',
  }),
  destination({
    key: 'link-worker',
    kind: 'link-worker',
    name: 'Social prescribing link worker',
    readAloud:
      'Our social prescribing link worker can spend time with you on what matters to you and put you in touch with local groups and services.',
    howToAccess: 'We refer you today and the link worker contacts you.',
    accessCriteria:
      'Adults with non-medical needs: loneliness, money, housing, caring, bereavement, getting active.',
  }),
  destination({
    key: 'nhs-111-online',
    kind: 'nhs',
    name: 'NHS 111 online',
    readAloud: 'NHS 111 can tell you where to get help, any time of day or night.',
    howToAccess: 'Go to 111.nhs.uk or call 111.',
    accessCriteria: 'Anyone unsure where to go, especially out of hours.',
  }),
  destination({
    key: 'gp',
    kind: 'gp',
    name: 'GP appointment',
    readAloud: 'You can still see a GP if you would prefer. I can book that for you now.',
    howToAccess: 'Book with reception as usual.',
    accessCriteria: 'Anyone: no one is refused a GP appointment.',
  }),
];

const pick = (key: string, label: string, needs: string[], destinations: string[]): QuickPick => ({
  key,
  label,
  needs,
  destinations,
});

export const DEFAULT_QUICK_PICKS: readonly QuickPick[] = [
  pick('medication', 'Medication question', [], ['community-pharmacy', 'clinical-pharmacist']),
  pick('minor-illness', 'Minor illness', [], ['community-pharmacy', 'practice-nurse', 'nhs-111-online']),
  pick('muscle-joint', 'Muscle or joint pain', [], ['first-contact-physio']),
  pick(
    'mental-wellbeing',
    'Mental wellbeing',
    ['mental_wellbeing'],
    ['talking-therapies', 'mental-health-practitioner', 'link-worker'],
  ),
  pick('eyes', 'Eyes', [], ['optometrist']),
  pick('teeth', 'Teeth', [], ['dentist']),
  pick('loneliness', 'Loneliness', ['loneliness', 'community_groups'], ['link-worker']),
  pick('money', 'Money worries', ['money_debt', 'benefits'], ['link-worker']),
  pick('housing', 'Housing', ['housing'], ['link-worker']),
  pick('caring', 'Caring for someone', ['carer_support'], ['link-worker']),
  pick('bereavement', 'Bereavement', ['bereavement'], ['link-worker', 'talking-therapies']),
  pick('get-active', 'Wanting to get active', ['physical_activity'], ['health-coach', 'link-worker']),
  pick('something-else', 'Something else', [], ['link-worker']),
];

export const DEFAULT_PROTOCOL: NavigationProtocolContent = {
  redFlags: [...DEFAULT_RED_FLAGS],
  quickPicks: [...DEFAULT_QUICK_PICKS],
  destinations: [...DEFAULT_DESTINATIONS],
};

/** Shown as the approver of the shipped default until a local clinician approves a version. */
export const DEFAULT_PROTOCOL_SOURCE =
  'Signpost shipped default (DOMAIN.md 2.3 starter red-flag list): not yet signed off by a local clinician';
