// Words for the demo navigation history (src/seed/demo-navigation-rows.ts): fictional, as a patient
// might say them at the desk or on the phone.

/** Patients' exact words for the few red flags, by the shipped protocol's red-flag key. */
export const DEMO_RED_FLAG_WORDS: Readonly<Record<string, readonly string[]>> = {
  'chest-pain': [
    'I’ve got a tight pain in my chest and it’s going down my arm',
    'My dad says his chest feels really heavy, like something sitting on it',
  ],
  breathing: ['She can’t get her words out, she’s gasping for breath'],
  stroke: ['Mum’s face has dropped on one side and her speech is all slurred'],
  allergy: ['My lips and tongue are swelling up since I ate at lunch'],
  overdose: ['I think I’ve taken too many tablets this morning'],
  suicidal: [
    'I just want to end it all, I can’t keep going',
    'He keeps saying we’d be better off if he was dead',
  ],
  'not-safe': ['I’m scared to go home, he’s been hurting me'],
  'child-thirst': ['My little boy is always thirsty and weeing a lot, and he’s lost weight'],
  'eye-emergency': ['I got bleach in my eye cleaning the bathroom'],
  'urgent-not-life-threatening': [
    'I’ve been sick since last night and can’t keep water down, and you close soon',
  ],
};

/** How often each of the shipped quick picks comes up at reception (relative). */
export const DEMO_PICK_WEIGHTS: Readonly<Partial<Record<string, number>>> = {
  'minor-illness': 20,
  medication: 12,
  'muscle-joint': 10,
  'mental-wellbeing': 12,
  eyes: 5,
  teeth: 5,
  loneliness: 8,
  money: 7,
  housing: 4,
  caring: 4,
  bereavement: 4,
  'get-active': 5,
  'something-else': 4,
};

/** What the navigator sometimes types about the need, by quick pick. */
export const DEMO_NEED_TEXTS: Readonly<Partial<Record<string, readonly string[]>>> = {
  'minor-illness': ['Sore throat for three days', 'Earache since the weekend', 'Cold that won’t shift'],
  medication: [
    'Question about a repeat prescription',
    'Wants to know if new tablets are OK with the old ones',
  ],
  'muscle-joint': ['Bad back after lifting at work', 'Knee pain when walking the dog'],
  'mental-wellbeing': ['Feeling low and not sleeping', 'Anxious since starting a new job'],
  loneliness: ['Lives alone since wife died, would like company', 'New to the area, doesn’t know anyone'],
  money: ['Struggling with bills after hours were cut', 'Needs help with a benefits form'],
  housing: ['Damp in the flat making the kids cough'],
  caring: ['Looks after her mum and is worn out'],
  bereavement: ['Lost his brother last month'],
  'get-active': ['Wants to lose weight and get moving again'],
};
