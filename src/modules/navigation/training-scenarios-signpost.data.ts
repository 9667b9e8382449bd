import type { TrainingScenario } from './training-scenarios.ts';

// Scenario cards with no red flag (training-scenarios.ts): the quick picks that fit and the destinations
// that are a right choice, between them every destination of the default protocol. Names and details are
// fictional.

const signpost = (
  s: Omit<TrainingScenario, 'answer'> & { quickPicks: string[]; destinations: string[] },
): TrainingScenario => ({
  key: s.key,
  title: s.title,
  patientWords: s.patientWords,
  channel: s.channel,
  answer: { kind: 'signpost', quickPicks: s.quickPicks, destinations: s.destinations },
  why: s.why,
});

export const SIGNPOST_SCENARIOS: readonly TrainingScenario[] = [
  signpost({
    key: 'sore-throat',
    title: 'A sore throat',
    channel: 'phone',
    patientWords:
      'I have had a sore throat for three days and it is getting me down. I think I need antibiotics. Can I see a doctor today?',
    quickPicks: ['minor-illness'],
    destinations: ['community-pharmacy'],
    why: 'Sore throats are one of the Pharmacy First conditions: a community pharmacist can see them today without an appointment and give treatment if it is needed.',
  }),
  signpost({
    key: 'water-infection',
    title: 'Stinging when weeing',
    channel: 'phone',
    patientWords:
      'I am 34 and I think I have got a water infection again, it stings when I wee. I just need some tablets, I do not need to see anyone really.',
    quickPicks: ['minor-illness'],
    destinations: ['community-pharmacy'],
    why: 'Uncomplicated urine infections in women are covered by Pharmacy First: the pharmacist can assess her today and give antibiotics if she needs them.',
  }),
  signpost({
    key: 'dizzy-on-new-tablets',
    title: 'New blood pressure tablets',
    channel: 'phone',
    patientWords:
      'The doctor started me on new blood pressure tablets last month and I feel dizzy when I stand up. I do not know whether to keep taking them.',
    quickPicks: ['medication'],
    destinations: ['clinical-pharmacist'],
    why: 'The practice pharmacist can review her medicines and change them if needed, without a GP appointment.',
  }),
  signpost({
    key: 'eleven-medicines',
    title: 'A bag full of boxes',
    channel: 'desk',
    patientWords:
      'My dad is on eleven different medicines now and he gets confused about which ones to take when. Can somebody go through them all with us?',
    quickPicks: ['medication'],
    destinations: ['clinical-pharmacist'],
    why: 'A structured medication review is the practice pharmacist’s work: they can check every medicine and make the routine simpler.',
  }),
  signpost({
    key: 'back-after-lifting',
    title: 'A sore back',
    channel: 'phone',
    patientWords:
      'I did my back in lifting boxes at work three weeks ago. It is not getting any better and I am struggling to sleep. I wanted to see the doctor about it.',
    quickPicks: ['muscle-joint'],
    destinations: ['first-contact-physio'],
    why: 'A first contact physiotherapist can assess back pain straight away, without seeing a GP first, and start the right exercises or treatment.',
  }),
  signpost({
    key: 'runners-knee',
    title: 'A runner’s knee',
    channel: 'desk',
    patientWords:
      'My knee has been aching for a month since I started training for a half marathon. There was no fall or anything. It is just sore after runs.',
    quickPicks: ['muscle-joint'],
    destinations: ['first-contact-physio'],
    why: 'Joint pain from exercise, with no injury, is just what the first contact physiotherapist sees.',
  }),
  signpost({
    key: 'dressing-on-the-shin',
    title: 'A dressing that needs changing',
    channel: 'phone',
    patientWords:
      'The nurses at the hospital said I need the dressing on my shin changing twice a week. Can somebody at the surgery do that for me?',
    quickPicks: ['minor-illness'],
    destinations: ['practice-nurse'],
    why: 'Dressings are practice nurse work. In this protocol the practice nurse is offered under "Minor illness".',
  }),
  signpost({
    key: 'anxious-for-months',
    title: 'Anxious for months',
    channel: 'phone',
    patientWords:
      'I have been really anxious for months. I cannot sleep and it is starting to affect my work. I would like to talk to someone at the practice about it.',
    quickPicks: ['mental-wellbeing'],
    destinations: ['mental-health-practitioner', 'talking-therapies'],
    why: 'With no thought of suicide or self-harm, the practice mental health practitioner or NHS Talking Therapies (self-referral) can help with anxiety. Let him choose.',
  }),
  signpost({
    key: 'low-since-job-loss',
    title: 'Low since losing a job',
    channel: 'desk',
    patientWords:
      'I have felt low since I lost my job in the summer. A friend said you can get counselling on the NHS without seeing a doctor. Is that right?',
    quickPicks: ['mental-wellbeing'],
    destinations: ['talking-therapies', 'mental-health-practitioner'],
    why: 'She is right: she can refer herself to NHS Talking Therapies. The practice mental health practitioner is a good choice too.',
  }),
  signpost({
    key: 'gritty-red-eye',
    title: 'A gritty eye',
    channel: 'phone',
    patientWords:
      'My eye has been red and gritty for two days. I can see fine, it is just annoying. Can the doctor have a look?',
    quickPicks: ['eyes'],
    destinations: ['optometrist'],
    why: 'A red, gritty eye with normal sight is one for the optician, who has the equipment to look properly and can often see people the same day.',
  }),
  signpost({
    key: 'toothache',
    title: 'Toothache',
    channel: 'phone',
    patientWords:
      'I have had toothache for three days and my dentist cannot see me until next week. Can the GP give me some antibiotics to tide me over?',
    quickPicks: ['teeth'],
    destinations: ['dentist'],
    why: 'GPs cannot treat dental problems. Her dentist, or NHS 111 for an urgent dentist, is the right place.',
  }),
  signpost({
    key: 'get-more-active',
    title: 'Told to get more active',
    channel: 'desk',
    patientWords:
      'The nurse said I should lose some weight and get more active, but I have no idea where to start and I do not like gyms.',
    quickPicks: ['get-active'],
    destinations: ['health-coach', 'link-worker'],
    why: 'The health and wellbeing coach helps people set their own goals; the link worker can find local groups that are not gyms.',
  }),
  signpost({
    key: 'new-in-town',
    title: 'New to the area',
    channel: 'desk',
    patientWords:
      'I moved here in the spring and I do not know anyone. Some weeks I do not speak to a single person. I am not ill, I just thought I would ask.',
    quickPicks: ['loneliness'],
    destinations: ['link-worker'],
    why: 'Loneliness is a non-medical need: the social prescribing link worker can spend time on what matters to her and connect her with local groups.',
  }),
  signpost({
    key: 'bills-piling-up',
    title: 'Bills piling up',
    channel: 'phone',
    patientWords:
      'I cannot keep up with the bills, the electric is on a meter and the debt letters keep coming. It is making me ill with worry. Is there anyone who can help?',
    quickPicks: ['money'],
    destinations: ['link-worker'],
    why: 'Money worries are a social need: the link worker can connect him with debt and benefits advice. Worry is not a red flag unless he says he is not safe.',
  }),
  signpost({
    key: 'damp-flat',
    title: 'A damp flat',
    channel: 'desk',
    patientWords:
      'There is black mould all over the bedroom walls and the landlord will not do anything. I want a letter from the doctor to get us moved.',
    quickPicks: ['housing'],
    destinations: ['link-worker'],
    why: 'The link worker can help with housing problems and knows the local housing advice services; a letter on its own rarely gets anyone moved.',
  }),
  signpost({
    key: 'caring-for-mum',
    title: 'Looking after a mother',
    channel: 'phone',
    patientWords:
      'I look after my mum, she has dementia, and I am exhausted. I have not had a night off in a year. I do not even know what help there is.',
    quickPicks: ['caring'],
    destinations: ['link-worker'],
    why: 'Carers can get support and a break: the link worker can connect him with carers’ services and a carer’s assessment.',
  }),
  signpost({
    key: 'husband-died',
    title: 'After a husband’s death',
    channel: 'desk',
    patientWords:
      'My husband died in March. Everyone says it gets easier but I just cannot get going in the mornings. I thought someone here might know of something.',
    quickPicks: ['bereavement'],
    destinations: ['link-worker', 'talking-therapies'],
    why: 'The link worker can find bereavement support groups; NHS Talking Therapies can help too. Grief is not an illness, but if she mentions not wanting to go on, that is a red flag.',
  }),
  signpost({
    key: 'away-for-the-weekend',
    title: 'Away for the weekend',
    channel: 'phone',
    patientWords:
      'We are going to my sister’s in Scarborough for the weekend. If my little boy’s cold gets worse while we are away, where do I go for advice?',
    quickPicks: ['minor-illness'],
    destinations: ['nhs-111-online'],
    why: 'Away from home and out of hours, NHS 111 online or by phone can tell her where to get help, any time of day or night.',
  }),
  signpost({
    key: 'insists-on-the-gp',
    title: 'A third sore throat',
    channel: 'phone',
    patientWords:
      'I have had a sore throat for a week. I know the chemist does sore throats now, but this is my third one this year and I would really rather see a doctor, please.',
    quickPicks: ['minor-illness'],
    destinations: ['gp'],
    why: 'Navigation is choice, not triage. He has heard the alternative and prefers the GP, and keeps getting the same illness: book him with the GP as usual. No one is refused a GP appointment.',
  }),
  signpost({
    key: 'lump-found',
    title: 'Something found in the shower',
    channel: 'phone',
    patientWords:
      'I found a lump in my breast in the shower this morning. It does not hurt. I would like to see someone about it.',
    quickPicks: ['something-else'],
    destinations: ['gp'],
    why: 'A new lump needs a GP: none of the alternatives can examine it and refer her. It is not a 999 red flag, but book her with a GP soon.',
  }),
];
