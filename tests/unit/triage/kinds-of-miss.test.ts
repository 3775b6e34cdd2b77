/**
 * The kinds of message a list of words missed on an independent set: each phrased here afresh
 * (none is a corpus or fixture line), in several languages, and sorted as the definitions say.
 */
import { triageCases } from './triage-cases.ts';

triageCases('Kinds the word lists missed', [
  // Threats to kill in colloquial speech and dialect.
  { text: 'he said if i run again hes gonna finish me off and dump me in the river', priority: 'emergency' },
  // Being moved right now, told with ordinary verbs of travel and vehicles.
  {
    text: 'we are in the back of a truck since morning, they dont tell us where we go',
    priority: 'emergency',
  },
  {
    text: 'on nous a mis dans un minibus cette nuit, ils ont pris nos téléphones, on roule encore',
    priority: 'emergency',
  },
  // Confinement told as an everyday act.
  {
    text: 'madam takes the key with her when she goes out, the gate stays closed till she comes back',
    priority: 'emergency',
  },
  // A neighbour or relative describing a child exploited now.
  {
    text: 'my neighbour keeps a girl of about 12 who cleans all day and does not go to school, I hear him beating her now',
    priority: 'emergency',
    minor: true,
  },
  // Short pleas from someone who cannot write more.
  { text: 'tolong', priority: 'emergency' },
  { text: 'sa3dooni', priority: 'emergency' },
  { text: 'najda 3afak', priority: 'emergency', reasons: ['rescue-plea'] },
  { text: 'nagda!!', priority: 'emergency', reasons: ['rescue-plea'] },
  { text: 'hlp', priority: 'emergency', reasons: ['help-request'] },
  // Spam, phishing, promotions and plain thanks.
  {
    text: 'Your parcel is held at customs. Pay 2.99 USD fee at dhl-release-parcel.info within 24h',
    priority: 'noise',
  },
  { text: 'Salamat po sa tulong ninyo kahapon', priority: 'noise' },
  // A question about a practice.
  { text: 'is it legal for an employer to keep the passports of workers in Qatar?', priority: 'standard' },
]);
