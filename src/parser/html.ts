/**
 * HTML → text lines: block elements end a line, tables become tab-separated rows with
 * rowspan/colspan filled in (so merged cells repeat their value), entities are decoded.
 */
const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', emsp: '\u3000', ensp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function inlineText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, '；').replace(/<\/p>\s*<p[^>]*>/gi, '；').replace(/<[^>]+>/g, ''))
    .replace(/[\t\r\n]+/g, '')
    .replace(/^[\s\u3000；]+|[\s\u3000；]+$/g, '');
}

/** One table as tab-separated rows. */
function tableToRows(table: string): string {
  const grid: string[][] = [];
  const carry: Array<{ text: string; left: number } | undefined> = [];
  const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)];
  rows.forEach((tr, r) => {
    const row: string[] = [];
    let col = 0;
    const fillCarried = () => {
      while (carry[col] && carry[col]!.left > 0) {
        row[col] = carry[col]!.text;
        carry[col]!.left--;
        col++;
      }
    };
    for (const td of tr[1]!.matchAll(/<t([dh])([^>]*)>([\s\S]*?)<\/t\1>/gi)) {
      fillCarried();
      const attrs = td[2]!;
      const colspan = Number(/colspan\s*=\s*["']?(\d+)/i.exec(attrs)?.[1] ?? 1);
      const rowspan = Number(/rowspan\s*=\s*["']?(\d+)/i.exec(attrs)?.[1] ?? 1);
      const text = inlineText(td[3]!);
      for (let k = 0; k < colspan; k++) {
        row[col] = text;
        if (rowspan > 1) carry[col] = { text, left: rowspan - 1 };
        col++;
      }
    }
    fillCarried();
    grid[r] = Array.from(row, (c) => c ?? '');
  });
  return '\n' + grid.map((cells) => cells.join('\t')).join('\n') + '\n';
}

export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|head|noscript)[^>]*>[\s\S]*?<\/\1>/gi, '');
  s = s.replace(/<table[^>]*>([\s\S]*?)<\/table>/gi, (m) => tableToRows(m));
  s = s.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(?:p|div|h[1-6]|li|section|article|header|footer|blockquote|pre|ul|ol|title)>/gi, '\n');
  s = s.replace(/<(?:p|div|h[1-6]|li)(?:\s[^>]*)?>/gi, '\n');
  s = s.replace(/<[^>]+>/g, '');
  s = decodeEntities(s);
  // keep tabs only in table rows (lines made by tableToRows); elsewhere they are indentation
  return s
    .split('\n')
    .map((l) => l.replace(/[ \u00a0]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
