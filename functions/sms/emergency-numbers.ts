/** The emergency number of each country in the help directory, for the first automatic reply. */
import { HELP_ENTRIES } from '../directory/bundled-help-entries.ts';

const numbers = new Map<string, string>(HELP_ENTRIES.map((entry) => [entry.country, entry.emergency.number]));

export function emergencyNumber(country: string | undefined): string | undefined {
  return country ? numbers.get(country.toUpperCase()) : undefined;
}

export function allEmergencyNumbers(): string[] {
  return [...numbers.values()];
}
