import type { RedFlagOutcome } from './protocol.model.ts';
import type { TrainingScenario } from './training-scenarios.ts';

// Scenario cards with a red flag (training-scenarios.ts). Half of them hide the flag behind a routine
// request, in the patient's own words: the navigator must hear it, or type those words so the flow's
// phrase detector catches it. Names and details are fictional.

const redFlag = (
  s: Omit<TrainingScenario, 'answer'> & { outcome: RedFlagOutcome; flag: string; hidden?: boolean },
): TrainingScenario => ({
  key: s.key,
  title: s.title,
  patientWords: s.patientWords,
  channel: s.channel,
  answer: { kind: 'red-flag', outcome: s.outcome, flag: s.flag, hidden: s.hidden ?? false },
  why: s.why,
});

export const RED_FLAG_SCENARIOS: readonly TrainingScenario[] = [
  redFlag({
    key: 'dad-in-the-car',
    title: 'A father waiting in the car',
    channel: 'desk',
    patientWords:
      'My dad is sat in the car outside. He has got chest pain, like a heavy weight, and it is going up into his jaw. Can a doctor come out and see him?',
    outcome: 'call-999',
    flag: 'chest-pain',
    why: 'Chest pain like a heavy weight, spreading to the jaw, can be a heart attack. Call 999 now: do not book an appointment or wait for a doctor to be free.',
  }),
  redFlag({
    key: 'repeat-and-tight-chest',
    title: 'A repeat prescription, and something else',
    channel: 'phone',
    patientWords:
      'I am ringing about my repeat prescription, it has not gone through to the chemist. Oh, and my chest feels tight when I walk up the stairs, it has been like that since this morning.',
    outcome: 'call-999',
    flag: 'chest-pain',
    hidden: true,
    why: 'The prescription is the reason for the call, but a tight chest that started today is a red flag. Always listen to the whole call: "by the way" is where red flags hide.',
  }),
  redFlag({
    key: 'face-has-dropped',
    title: 'A wife’s face has changed',
    channel: 'phone',
    patientWords:
      'It is my wife. Her face has dropped on one side and she is talking funny, it came on about twenty minutes ago. Should I bring her in this afternoon?',
    outcome: 'call-999',
    flag: 'stroke',
    why: 'A face drooping on one side and muddled speech are signs of a stroke (FAST). Every minute matters: tell him to call 999 now, not to come to the surgery.',
  }),
  redFlag({
    key: 'hay-fever-and-tongue',
    title: 'Hay fever tablets',
    channel: 'desk',
    patientWords:
      'Can I get something stronger for my hay fever? The usual ones are not working. My tongue is swelling a bit as well, since I had my lunch.',
    outcome: 'call-999',
    flag: 'allergy',
    hidden: true,
    why: 'A tongue that is swelling can close the airway within minutes: that is a severe allergic reaction, not hay fever. Call 999 now.',
  }),
  redFlag({
    key: 'mum-took-too-many',
    title: 'Ordering a mother’s tablets',
    channel: 'phone',
    patientWords:
      'I need to order my mum’s blister packs. She got muddled this morning and took too many tablets, she has taken tomorrow’s as well, so she will run out early.',
    outcome: 'call-999',
    flag: 'overdose',
    hidden: true,
    why: 'Taking too many tablets is a possible overdose, even by accident, and an older person may not show it yet. Call 999 now; the prescription can wait.',
  }),
  redFlag({
    key: 'shivering-and-blotchy',
    title: 'A mother who is not herself',
    channel: 'phone',
    patientWords:
      'My mum had a water infection last week. Now she is shivering, her skin has gone all mottled and she keeps saying she feels like she might die. Can the doctor ring her back?',
    outcome: 'call-999',
    flag: 'sepsis',
    why: 'Shivering, blotchy skin and "I feel like I am dying" after an infection are signs of sepsis. A call back is too slow: call 999 now.',
  }),
  redFlag({
    key: 'want-to-end-it-all',
    title: 'Feeling rubbish',
    channel: 'phone',
    patientWords:
      'I just need an appointment really. I have been feeling rubbish and honestly I want to end it all. I do not know who else to talk to.',
    outcome: 'duty-gp-now',
    flag: 'suicidal',
    hidden: true,
    why: '"I want to end it all" is a disclosure of suicidal thoughts. Do not book a routine appointment or signpost to talking therapies: keep them on the line and put them through to the duty GP now.',
  }),
  redFlag({
    key: 'scared-to-go-home',
    title: 'Changing an appointment',
    channel: 'desk',
    patientWords:
      'Can I move my smear test to next week? Things at home are not good at the moment. To be honest I am scared to go home tonight.',
    outcome: 'duty-gp-now',
    flag: 'not-safe',
    hidden: true,
    why: 'Being scared to go home can mean someone is hurting them. Move the appointment later: first, find a private space and put them through to the duty GP now.',
  }),
  redFlag({
    key: 'thirsty-daughter',
    title: 'A thirsty eight-year-old',
    channel: 'phone',
    patientWords:
      'My daughter is eight. She is always thirsty, she is weeing a lot, even at night, she has lost weight and she is so tired. Is it worth bringing her in at some point?',
    outcome: 'same-day-gp',
    flag: 'child-thirst',
    why: 'A child who is very thirsty, weeing a lot, losing weight and tired may have type 1 diabetes, which can become dangerous quickly. She needs to see a GP today.',
  }),
  redFlag({
    key: 'bleach-in-the-eye',
    title: 'Cleaning the bathroom',
    channel: 'phone',
    patientWords:
      'I was cleaning the bathroom and I splashed bleach in my eye about an hour ago. I have rinsed it but it is still stinging. Should I go to the optician?',
    outcome: 'same-day-gp',
    flag: 'eye-emergency',
    why: 'A chemical in the eye is an eye emergency, not a job for the optician. Keep rinsing it with water, and see a GP today (your protocol may say A&E: follow it).',
  }),
  redFlag({
    key: 'friday-earache',
    title: 'Just before closing on a Friday',
    channel: 'phone',
    patientWords:
      'I know you are closing soon. My son has had earache since this afternoon and it is getting worse, and he has a temperature. I cannot wait until Monday.',
    outcome: 'nhs-111',
    flag: 'urgent-not-life-threatening',
    why: 'It is urgent but not life-threatening, and the practice cannot see him before it closes. NHS 111 can help tonight; tell his parent to call 999 if he gets much worse.',
  }),
];
