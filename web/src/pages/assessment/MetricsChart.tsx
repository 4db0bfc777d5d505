/**
 * The chart of a metric's page: the cockpit's ECharts wrapper plus the mark line the target is drawn
 * with. Reached only through a lazy import, so ECharts stays out of the login and board bundles.
 */
import { use } from 'echarts/core';
import { MarkLineComponent } from 'echarts/components';

use([MarkLineComponent]);

export { Chart } from '../cockpit/Chart.tsx';
