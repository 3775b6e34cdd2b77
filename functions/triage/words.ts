/** Words of a normalised message: clause punctuation separates them, and a bare number is not one. */
export function words(normalised: string): string[] {
  return normalised.split(/[\s.,;:!?%$]+/).filter((w) => w !== '' && !/^\d+$/.test(w));
}
