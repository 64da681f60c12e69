/** The open data: aggregated public figures messages, in English and French, joined into the one catalogue (catalogue.ts). */
export const OPEN_DATA_MESSAGES = {
  'thing.open_territory': { en: 'Territory publishing open data', fr: 'Territoire publiant des données ouvertes' },
} as const;
