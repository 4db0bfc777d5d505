/**
 * Accuracy on the five seed plans against the hand-checked gold files (the thresholds),
 * and every PlanDraft valid against plan-draft.schema.json (ajv, draft 2020-12) and the zod schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { planDraftSchemaErrors } from '../../test/plan-schema.ts';
import { PlanDraftSchema } from '../shared/plan-draft.ts';
import { score } from '../../test/score-plan-draft.ts';
import { parsePlan } from './index.ts';

const root = join(import.meta.dirname, '..', '..');
const SEEDS = join(root, 'data', 'plans');
const GOLD = join(root, 'test', 'fixtures', 'gold');


const THRESHOLDS = { tasks: 0.99, text: 0.98, units: 0.97, dl: 0.95, tg: 0.8, meta: 0.83 } as const;

for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
  test(`seed ${file}: meets every accuracy threshold and the schema`, async () => {
    const bytes = new Uint8Array(readFileSync(join(SEEDS, file)));
    const draft = await parsePlan(bytes, { fileName: file });
    assert.equal(planDraftSchemaErrors(draft), null);
    assert.ok(PlanDraftSchema.safeParse(draft).success);
    const gold = JSON.parse(readFileSync(join(GOLD, file.replace('.txt', '.gold.json')), 'utf8'));
    const r = score(JSON.parse(JSON.stringify(draft)), gold);
    for (const [k, min] of Object.entries(THRESHOLDS)) assert.ok(r[k as keyof typeof THRESHOLDS] >= min, `${file} ${k} ${r[k as keyof typeof THRESHOLDS].toFixed(3)} < ${min}`);
    // every task's span points at its own text in the normalized source
    const source = new TextDecoder().decode(bytes).replace(/\r\n?/g, '\n');
    for (const t of draft.tasks) {
      const slice = source.slice(t.span!.start, t.span!.end).replace(/\*\*|\s|\[bookmark:[^\]]*\]/g, '');
      assert.ok(slice.includes(t.text.replace(/\s/g, '').slice(0, 12)), `span of task ${t.seq}`);
      assert.equal(source.split('\n')[t.line! - 1]!.length > 0, true);
    }
  });
}
