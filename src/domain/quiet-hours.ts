/**
 * Quiet hours (免打扰): a user's daily window, in China Standard Time (UTC+8, no daylight saving),
 * during which personal channels (email) wait. The window may wrap midnight (22:00–07:00).
 */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const minutesOf = (hhmm: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`invalid time ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** The moment the quiet window containing `now` ends, or null when `now` is outside it. */
export function quietUntil(now: Date, start: string | null, end: string | null): Date | null {
  if (!start || !end || start === end) return null;
  const local = now.getTime() + CST_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = Math.floor((local - dayStart) / 60_000);
  const s = minutesOf(start);
  const e = minutesOf(end);
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return null;
  // the end is today when it is still ahead, otherwise tomorrow (a window that wraps midnight)
  const endToday = dayStart + e * 60_000;
  const endLocal = endToday > local ? endToday : endToday + DAY_MS;
  return new Date(endLocal - CST_OFFSET_MS);
}

/**
 * When the n-th failed attempt is retried: 1, 5, 30 minutes, 2 and 12 hours; null after the last
 * one (the delivery is given up and shown as failed, for the admin to resend).
 */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export function nextRetryAt(now: Date, attempts: number): Date | null {
  const d = RETRY_DELAYS_MS[attempts - 1];
  return d === undefined ? null : new Date(now.getTime() + d);
}
