export * from './campaign.js';
export * from './duration.js';
export * from './offer.js';
export * from './rule-set.js';
export * from './settings.js';
export * from './template.js';
