/**
 * Unit-name matching: plans spell the same unit several ways (县发改委, 县发展改革局,
 * 县发展和改革局). These helpers give a comparison key and a similarity score; the
 * directory's aliases do the authoritative resolution.
 */

/** Folds width, brackets and white space so （镇、街道） and (镇、街道) compare equal. */
export function nameKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[〔［【]/g, '(')
    .replace(/[〕］】]/g, ')')
    .replace(/[“”"'‘’]/g, '')
    .toLowerCase();
}

function bigrams(s: string): string[] {
  if (s.length < 2) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice similarity over character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  const x = nameKey(a);
  const y = nameKey(b);
  if (!x && !y) return 1;
  if (x === y) return 1;
  const counts = new Map<string, number>();
  for (const g of bigrams(x)) counts.set(g, (counts.get(g) ?? 0) + 1);
  let inter = 0;
  const by = bigrams(y);
  for (const g of by) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      counts.set(g, c - 1);
      inter++;
    }
  }
  return (2 * inter) / (bigrams(x).length + by.length);
}
