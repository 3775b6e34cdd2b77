import { triageCases } from './triage-cases.ts';

triageCases('English', [
  {
    text: 'they locked me in the storeroom and I cant get out',
    priority: 'emergency',
    lang: 'en',
    reasons: ['confinement'],
  },
  {
    text: 'my boss swore he would kill me if I ever tell anyone',
    priority: 'emergency',
    reasons: ['threat-to-kill'],
  },
  {
    text: 'he has a gun and he beats us every night',
    priority: 'emergency',
    reasons: ['weapon', 'violence'],
  },
  { text: 'we have had nothing to eat since friday', priority: 'emergency', reasons: ['no-food'] },
  {
    text: "I escaped and I'm hiding behind a shop, they are looking for me",
    priority: 'emergency',
    reasons: ['hiding'],
  },
  {
    text: 'they are moving us to another city tonight in a container',
    priority: 'emergency',
    reasons: ['moving-now'],
  },
  {
    text: 'a 15 year old girl is forced to sleep with customers at the bar',
    priority: 'emergency',
    minor: true,
    reasons: ['child', 'sexual-exploitation'],
  },
  {
    text: 'there are kids working in the brick kiln right now and the owner beats them',
    priority: 'emergency',
    minor: true,
  },
  // Misspellings and SMS spelling.
  { text: 'plz hlep they lokced us in da room', priority: 'emergency' },
  { text: 'heeelp sombody come quick', priority: 'emergency' },
  {
    text: 'the employer took my pasprt and wont give it bak',
    priority: 'urgent',
    reasons: ['documents-taken'],
  },
  {
    text: 'I still owe the agent 2000 and he adds interest every month',
    priority: 'urgent',
    reasons: ['debt-bondage'],
  },
  { text: 'I have not been paid for four months', priority: 'urgent', reasons: ['wages-withheld'] },
  {
    text: 'they promised me an office job but I clean toilets all day for half the pay',
    priority: 'urgent',
    reasons: ['deception'],
  },
  { text: 'we work 16 hours a day with no day off', priority: 'urgent', reasons: ['forced-overtime'] },
  {
    // Workers who cannot leave are an emergency by definition; a third party's doubt does not
    // lower it when the model reads an emergency (safety first).
    text: 'I suspect the workers at the car wash are not allowed to leave, they sleep there',
    priority: 'emergency',
    reasons: ['third-party-report'],
  },
  // Negation: the danger words are there, but denied.
  { text: 'I am not locked in, just asking about visas', priority: 'standard', reasons: ['negated-danger'] },
  { text: 'not in danger, just a question about my contract', priority: 'standard' },
  { text: 'nobody took my passport, I only want to know how to renew it', priority: 'standard' },
  {
    text: 'how do I check if a recruitment agency is licensed?',
    priority: 'standard',
    reasons: ['question'],
  },
  { text: 'is it normal that the recruiter asks for a fee before the visa?', priority: 'standard' },
  { text: 'what if my employer takes my passport?', priority: 'standard', reasons: ['hypothetical'] },
  { text: 'can my 16 year old son apply for a work visa?', priority: 'standard', minor: true },
  // A bare plea is an emergency: whoever cannot write more may be in the most danger.
  { text: 'please help me', priority: 'emergency', reasons: ['help-request'] },
  { text: 'help me right now please', priority: 'emergency' },
  { text: 'hello', priority: 'noise', reasons: ['greeting-only'] },
  { text: 'thanks a lot!', priority: 'noise', reasons: ['thanks'] },
  { text: 'test', priority: 'noise', reasons: ['test'] },
  { text: 'WIN a FREE holiday!!! click www.win-now.biz', priority: 'noise', reasons: ['spam'] },
]);
