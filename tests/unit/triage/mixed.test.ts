import { triageCases } from './triage-cases.ts';

// People switch languages mid-message: every lexicon is applied, whatever the detected language.
triageCases('Mixed languages', [
  { text: 'help por favor, nos encerraron in the warehouse', priority: 'emergency' },
  { text: 'please help amake atke rekhese', priority: 'emergency', lang: 'bn' },
  { text: 'madam took passport, gaji belum dibayar', priority: 'urgent' },
  // A plea beside a sign of exploitation and no sign of danger now sits on the line between urgent
  // (the documents taken) and emergency (the plea). Trained on 24 authors, with signs of
  // exploitation needing 0.3 to count as an emergency, the model sides with the plea: the side
  // of answering too fast. A bare plea is an emergency whatever the model reads.
  { text: 'ya rab help me el kafeel akhad el passport', priority: 'emergency', lang: 'ar' },
  { text: 'ya rab help me', priority: 'emergency' },
  { text: 'bonjour, I have a question about the visa', priority: 'standard' },
  { text: 'salamat po sa info', priority: 'noise' },
]);

triageCases('Conversation history', [
  // The child was mentioned earlier; this message describes what is done to her now.
  {
    text: 'they make her work every night',
    priority: 'emergency',
    minor: true,
    history: ['my niece is 14'],
    reasons: ['history'],
  },
  // A follow-up question in a conversation that started with violence is not a routine question.
  {
    text: 'what should I do?',
    priority: 'urgent',
    history: ['he beat me and locked the door'],
    reasons: ['history'],
  },
  // History never turns thanks into a case.
  { text: 'ok thank you', priority: 'noise', history: ['they took my passport'] },
  { text: 'I am safe now, I just want to know about my visa', priority: 'standard', history: ['he beat me'] },
]);
