import type { WordKey } from './i18n';

/** The topics of news_monitoring, each with its words, in the contract's order. */
export const NEWS_TOPICS: readonly { topic: string; word: WordKey }[] = [
  { topic: 'administrative_procedures', word: 'topicAdministrativeProcedures' },
  { topic: 'land_and_construction', word: 'topicLandAndConstruction' },
  { topic: 'environment', word: 'topicEnvironment' },
  { topic: 'health', word: 'topicHealth' },
  { topic: 'education', word: 'topicEducation' },
  { topic: 'traffic', word: 'topicTraffic' },
  { topic: 'social_security', word: 'topicSocialSecurity' },
  { topic: 'economy_and_investment', word: 'topicEconomyAndInvestment' },
  { topic: 'public_order', word: 'topicPublicOrder' },
  { topic: 'other', word: 'topicOther' },
];
