import { count, pct, PERIOD as period, WARD_CODE } from './columns';
import { defineMart } from './define-mart';

const units = (name: string, description: string) => count(name, 'units', description);
const endpoints = (name: string, description: string) => count(name, 'endpoints', description);

export const infrastructureByWard = defineMart({
  name: 'infrastructure_by_ward',
  title: 'Digital infrastructure by ward and level',
  description:
    'The special-purpose data network’s connection points (connected, up or down at the export, or planned; the bandwidth and mean uptime of the links in service) and the video-conference endpoints (installed, active or faulty, or planned; the meetings they joined), by ward, level of government and month (the operations center’s infrastructure domain). A unit is connected when its link is in service, whether it answered at the export or not: the sum of `network_units_connected` over a month is the seed’s figure, units on the network. A ward and level appear in a month only when either list has something there.',
  grain: 'one level of government in one ward in one month',
  key: ['period', 'ward_code', 'level'],
  columns: [
    { ...period, description: 'Month of the month-end lists, yyyy-mm.' },
    WARD_CODE,
    {
      name: 'level',
      type: 'string',
      description: 'Level of government: province, department, district (until June 2025) or commune.',
    },
    units('network_units_connected', 'Units whose data-network link is in service (up or down).'),
    units('network_units_up', 'Of those, answering at the export.'),
    units('network_units_down', 'Of those, not answering at the export (an outage).'),
    units('network_units_planned', 'Units in the plan with no link yet.'),
    count('network_bandwidth_mbps', 'Mbit/s', 'Bandwidth of the links in service, summed.'),
    pct('network_uptime_pct', 'Mean availability over the month of the links in service; null when none is.'),
    endpoints('video_endpoints_installed', 'Video-conference endpoints installed (active or faulty).'),
    endpoints('video_endpoints_active', 'Of those, active.'),
    endpoints('video_endpoints_faulty', 'Of those, faulty (awaiting repair).'),
    endpoints('video_endpoints_planned', 'Endpoints planned, not installed yet.'),
    count('video_sessions', 'meetings', 'Online meetings the endpoints joined in the month, summed over endpoints.'),
  ],
});
