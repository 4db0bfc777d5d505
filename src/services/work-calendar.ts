/**
 * The working-day calendar the rules count with. Until the calendar lives in the database (edited by the
 * admin), it is read from the shipped files in data/calendars (one JSON per announced year).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorkCalendar, parseCalendarJson, type CalendarYear, type WorkCalendar } from '../domain/calendar.ts';

export function loadShippedCalendar(dir = join(process.cwd(), 'data', 'calendars')): WorkCalendar {
  const years: CalendarYear[] = [];
  for (const f of readdirSync(dir).filter((n) => /^\d{4}\.json$/.test(n)).sort()) {
    const r = parseCalendarJson(readFileSync(join(dir, f), 'utf8'), { year: Number(f.slice(0, 4)) });
    if (!r.calendar) throw new Error(`工作日历文件 ${f} 有误：${r.errors.map((e) => e.message).join('；')}`);
    years.push(r.calendar);
  }
  return buildWorkCalendar(years);
}
