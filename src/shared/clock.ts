/** The one source of "now". Production uses the system clock; tests set a fixed or moving one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class FixedClock implements Clock {
  private t: number;
  constructor(iso: string | Date) {
    this.t = new Date(iso).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string | Date): void {
    this.t = new Date(iso).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Today's calendar date in Asia/Shanghai (the platform's time zone), as YYYY-MM-DD. */
export function todayIn(clock: Clock, timeZone = 'Asia/Shanghai'): string {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(clock.now());
}
const formatters = new Map<string, Intl.DateTimeFormat>();
