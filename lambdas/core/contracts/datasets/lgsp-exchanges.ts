import { defineDataset } from '../define-dataset';

export const lgspExchanges = defineDataset({
  name: 'lgsp_exchanges',
  version: '1.0.0',
  title: 'Exchange log of the provincial integration platform (LGSP)',
  description:
    'Every connection registered on the provincial integration and data-sharing platform (LGSP, nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh) in a month, as its API gateway’s statistics export lists them: a provincial information system (its id as in information_systems), a national or sectoral database reached through the national data exchange platform (NDXP), or a national system (the national public service portal, the national document exchange axis, the national payment platform, the national reporting system); whether it is live, in testing or not yet connected at the month end, and its transactions (API calls both ways), failed transactions and mean response time in the month. A provincial system the LGSP has not registered is not in the export: the marts count it, unconnected, from information_systems. No personal data: calls are counted, never logged with their content or caller. The seed says the platform is connected to the document axis, the payment gateway and ministries’ databases, and sets interconnecting 100% of information systems and national and sectoral databases as its first target, with no count: the sample’s figures are invented (the provincial systems’ connections are those information_systems reports; 8 of 13 national connections live in January 2023 and 11 in December 2025, the national land database and the driving-licence database still in testing).',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ), LGSP operator',
  fedBy: 'the LGSP’s API gateway',
  grain: 'one connection in one month',
  naturalKey: ['connection_id', 'period'],
  columns: [
    {
      name: 'connection_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description:
        'The connected system: a provincial system’s id as in information_systems (`HTTT-012`), or the code the LGSP gives a national one (`CSDLQG-DC`).',
    },
    { name: 'connection_name', type: 'string', description: 'Name of the connected system or database.' },
    {
      name: 'connection_kind',
      type: 'string',
      enum: ['provincial_system', 'national_database', 'sectoral_database', 'national_system'],
      description:
        'A provincial information system, a national database (population, business registration, land, insurance, …), a ministry’s sectoral database, or a national system (portal, document axis, payment platform, reporting system).',
    },
    {
      name: 'status',
      type: 'string',
      enum: ['connected', 'testing', 'not_connected'],
      description: 'At the month end: live, connected for testing only, or registered but not yet connected.',
    },
    {
      name: 'transactions',
      type: 'bigint',
      unit: 'calls',
      min: 0,
      description: 'Calls through the LGSP to or from the system in the month, whatever its status.',
    },
    {
      name: 'failed_transactions',
      type: 'bigint',
      unit: 'calls',
      min: 0,
      description: 'Of those, calls that failed (an error answer or a timeout).',
    },
    {
      name: 'mean_latency_ms',
      type: 'double',
      unit: 'ms',
      min: 0,
      nullable: true,
      description: 'Mean response time of the month’s calls; null when there were none.',
    },
  ],
  checks: [
    {
      reason: 'failed_exceeds_transactions',
      columns: ['transactions', 'failed_transactions'],
      description: 'No more calls fail than are made.',
      holds: (r) => (r.failed_transactions as number) <= (r.transactions as number),
    },
    {
      reason: 'latency_without_calls',
      columns: ['transactions', 'mean_latency_ms'],
      description: 'A month with calls has their mean response time, and one without has none.',
      holds: (r) => (r.transactions === 0) === (r.mean_latency_ms === null),
    },
  ],
});
