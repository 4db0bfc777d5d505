/**
 * One ECharts chart. Only the chart types and components the cockpit uses are registered, and this
 * module is reached only through lazy imports, so ECharts stays out of the login and 工作台 bundle.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, ToolboxComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, ToolboxComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick {
  name: string;
  seriesName?: string;
  dataIndex: number;
  data: unknown;
}

/** Every chart saves itself as PNG (白底, for documents) from its own toolbox. */
export const pngToolbox = (name: string) => ({ right: 8, top: 0, feature: { saveAsImage: { title: '导出 PNG', name, pixelRatio: 2, backgroundColor: '#fff' } } });

export function Chart({ option, height = 300, label, onClick }: { option: ChartOption; height?: number; label: string; onClick?: (p: ChartClick) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas', devicePixelRatio: Math.max(2, window.devicePixelRatio || 1) });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    // printing lays the page out anew: redraw at the printed width
    const before = () => c.resize();
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', before);
    return () => {
      ro.disconnect();
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', before);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' }, ...option }, true);
  }, [option]);
  return <div ref={el} role="img" aria-label={label} className="fz-chart" style={{ width: '100%', height }} />;
}
