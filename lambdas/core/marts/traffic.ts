import { count, pct, PERIOD as period, WARD_CODE } from './columns';
import { defineMart } from './define-mart';

export const trafficSafetyByWard = defineMart({
  name: 'traffic_safety_by_ward',
  title: 'Traffic safety by ward and road',
  description:
    'Traffic accidents with their deaths and injuries, and the violations the traffic police recorded, by ward, road and month (the operations center’s traffic safety and public order domain): who caught the violations (cameras or patrols), and the speeding and drink-driving ones. A ward and road appear in a month only when something happened there. Counts and rates only: no plate hash.',
  grain: 'one road in one ward in one month',
  key: ['period', 'ward_code', 'road'],
  columns: [
    { ...period, description: 'Month the events happened (Vietnam time), yyyy-mm.' },
    WARD_CODE,
    {
      name: 'road',
      type: 'string',
      description: 'Road as the police name it (`QL2`, `CT05`, `ĐT305`), `urban` or `local`.',
    },
    count('accidents', 'accidents', 'Traffic accidents.'),
    count('serious_accidents', 'accidents', 'Of those, serious, very serious or especially serious.'),
    count('deaths', 'people', 'People killed in the accidents.'),
    count('injuries', 'people', 'People injured in the accidents.'),
    count('violations', 'violations', 'Violations recorded.'),
    count('violations_camera', 'violations', 'Violations caught by a surveillance camera.'),
    count('violations_patrol', 'violations', 'Violations recorded by a police patrol.'),
    pct('camera_pct', 'Violations caught by a camera over violations recorded; null when none was.'),
    count('speeding_violations', 'violations', 'Speeding violations.'),
    count('drunk_driving_violations', 'violations', 'Drink-driving violations.'),
  ],
});
