/** The emergency number of each country in the help directory, for the first automatic reply. */
import { parse } from 'yaml';
import { helpEntrySchema } from '#kernel/content/schemas.ts';

const files = import.meta.glob<string>('../../content/help/*.yaml', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const numbers = new Map<string, string>(
  Object.values(files).map((text) => {
    const entry = helpEntrySchema.parse(parse(text));
    return [entry.country, entry.emergency.number];
  }),
);

export function emergencyNumber(country: string | undefined): string | undefined {
  return country ? numbers.get(country.toUpperCase()) : undefined;
}

export function allEmergencyNumbers(): string[] {
  return [...numbers.values()];
}
