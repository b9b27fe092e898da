/**
 * The seed article's figures for Vĩnh Phúc (DESIGN.md, "Domain facts"). The sample
 * generator builds feeds whose latest period reproduces them; the demo and the tests compute
 * them back from the lake through the real pipeline.
 */
export const SEED_FIGURES = {
  btsOnAir: 3000,
  bts5g: 2,
  mobileSubscribers: 1_300_000,
  fixedBroadbandSubscribers: 284_000,
  mobileBroadbandSubscribers: 1_000_000,
  householdsWithFixedBroadbandPct: 90,
  fixedBroadbandProviders: 5,
  dataNetworkUnits: 169,
  informationSystems: 68,
  informationSystemsApproved: 59,
  eidAccounts: 630_000,
  eidPctOf14plus: 74,
  signaturesOrganization: 9_509,
  signaturesIndividual: 5_193,
  smesOnDigitalPlatforms: 11_000,
  smesPctOfEnterprises: 72,
  digitalEconomy2023BnVnd: 34_202,
  digitalEconomy2023PctGrdp: 21.6,
  cashlessFacilitiesPct: 100,
} as const;
