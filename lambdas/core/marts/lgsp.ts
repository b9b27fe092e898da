import { count, pct, PERIOD as period } from './columns';
import { defineMart } from './define-mart';

export const lgspInterconnection = defineMart({
  name: 'lgsp_interconnection',
  title: 'Interconnection through the provincial integration platform (LGSP)',
  description:
    'The systems and databases the provincial integration platform (LGSP) is to interconnect, by kind and month: provincial information systems (those of the month’s information_systems inventory and any other the LGSP has registered: an inventory system missing from the LGSP’s log counts as not connected), national and sectoral databases, and national systems (portal, document axis, payment platform, reporting system); how many are connected (live) at the month end and in testing, the connected share (the seed’s first target is 100%), and their calls, failures and mean response time. Counts, rates and times only.',
  grain: 'one kind of connection in one month',
  key: ['period', 'connection_kind'],
  columns: [
    period,
    {
      name: 'connection_kind',
      type: 'string',
      description: 'provincial_system, national_database, sectoral_database or national_system (as in lgsp_exchanges).',
    },
    count('connections', 'systems', 'Systems or databases of the kind: in the month’s inventory or on the LGSP.'),
    count('connected', 'systems', 'Of those, connected (live) at the month end.'),
    count('testing', 'systems', 'Of those, connected for testing only.'),
    pct('connected_pct', 'Connected over all of the kind.'),
    count('transactions', 'calls', 'Calls through the LGSP in the month.'),
    count('failed_transactions', 'calls', 'Of those, failed calls.'),
    pct('failed_pct', 'Failed calls over calls; null when there were none.'),
    {
      name: 'mean_latency_ms',
      type: 'double',
      unit: 'ms',
      description:
        'Mean response time of the month’s calls, weighted by each connection’s calls; null when there were none.',
    },
  ],
});
