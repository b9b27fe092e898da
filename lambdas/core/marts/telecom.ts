import { count, pct, PERIOD as period, WARD_CODE as ward } from './columns';
import { defineMart } from './define-mart';

const stations = (name: string, description: string) => count(name, 'stations', description);
const subscriptions = (name: string, description: string, shareable = true) =>
  count(name, 'subscriptions', description, shareable);

export const telecomCoverageByWard = defineMart({
  name: 'telecom_coverage_by_ward',
  title: 'Telecom coverage by ward',
  description:
    'Mobile base stations (BTS) by carrier and ward, per month: reported, on air, and on air by technology (2G to 5G).',
  grain: 'one carrier in one ward in one month',
  key: ['period', 'ward_code', 'carrier'],
  columns: [
    period,
    ward,
    { name: 'carrier', type: 'string', description: 'Carrier operating the stations.' },
    stations('bts_reported', 'Stations reported, whatever their status.'),
    stations('bts_on_air', 'Stations on air.'),
    stations('bts_2g', 'Stations on air broadcasting 2G.'),
    stations('bts_3g', 'Stations on air broadcasting 3G.'),
    stations('bts_4g', 'Stations on air broadcasting 4G.'),
    stations('bts_5g', 'Stations on air broadcasting 5G.'),
  ],
});

export const broadbandByWard = defineMart({
  name: 'broadband_by_ward',
  title: 'Fixed broadband by ward',
  description:
    "Fixed broadband subscriptions by carrier and ward, and the ward's households with fixed broadband, per month. Ward figures repeat on each carrier row: take them once per ward.",
  grain: 'one fixed broadband carrier in one ward in one month',
  key: ['period', 'ward_code', 'carrier'],
  columns: [
    period,
    ward,
    { name: 'carrier', type: 'string', description: 'Fixed broadband provider.' },
    subscriptions('fixed_broadband_subscribers', 'Fixed broadband subscriptions of this carrier in the ward.', false),
    subscriptions('ward_fixed_broadband_subscribers', 'Fixed broadband subscriptions of all carriers in the ward.'),
    { name: 'households', type: 'bigint', unit: 'households', description: 'Households in the ward.' },
    {
      name: 'households_with_fixed_broadband',
      type: 'bigint',
      unit: 'households',
      description: 'Households in the ward with a fixed broadband line.',
    },
    pct('households_fixed_broadband_pct', 'Households with fixed broadband over households, in the ward.'),
  ],
});

export const mobileMarketByCarrier = defineMart({
  name: 'mobile_market_by_carrier',
  title: 'Telecom market by carrier',
  description:
    'Subscriptions by carrier and type (prepaid, postpaid, mobile broadband, fixed broadband) with market shares, per month. Carrier-level figures are commercially sensitive: not shared unless a grant says so.',
  grain: 'one carrier in one month',
  key: ['period', 'carrier'],
  columns: [
    period,
    { name: 'carrier', type: 'string', description: 'Carrier.' },
    subscriptions('mobile_prepaid', 'Prepaid mobile subscriptions at month end.', false),
    subscriptions('mobile_postpaid', 'Postpaid mobile subscriptions at month end.', false),
    subscriptions('mobile_subscribers', 'Mobile subscriptions at month end (prepaid + postpaid).', false),
    subscriptions('mobile_broadband', 'Mobile subscriptions that used mobile data in the month.', false),
    subscriptions('fixed_broadband', 'Fixed broadband subscriptions at month end.', false),
    pct('mobile_share_pct', "Share of the month's mobile subscriptions.", false),
    pct('mobile_broadband_share_pct', "Share of the month's mobile broadband subscriptions.", false),
    pct('fixed_broadband_share_pct', "Share of the month's fixed broadband subscriptions.", false),
  ],
});
