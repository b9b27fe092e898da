import type { WordKey } from './i18n';

/** The kinds of connection of the LGSP (lgsp_exchanges' connection_kind), in the order the interconnection chart stacks them. */
export const CONNECTION_KINDS: readonly { kind: string; word: WordKey }[] = [
  { kind: 'provincial_system', word: 'kindProvincialSystem' },
  { kind: 'national_database', word: 'kindNationalDatabase' },
  { kind: 'sectoral_database', word: 'kindSectoralDatabase' },
  { kind: 'national_system', word: 'kindNationalSystem' },
];
