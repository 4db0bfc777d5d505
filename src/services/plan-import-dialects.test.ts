/**
 * The whole import path (services, repositories, one transaction) on both databases: a seed plan
 * imports to the same plan, tasks, owners and assignments on SQLite and on PostgreSQL.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DIALECTS } from '../../test/db.ts';
import { makeRegion, systemCtx } from '../../test/factories.ts';
import { automaticDecisions, commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';

const bytes = new Uint8Array(readFileSync(new URL('../../data/plans/004_8533c05fc9345b12.txt', import.meta.url)));
const results = new Map<string, unknown>();

describe('seed import on each database', () => {
  for (const dialect of DIALECTS) {
    test(`濉溪县 plan imports on ${dialect.name}`, async () => {
      const h = await dialect.open();
      try {
        const sys = systemCtx(h.db);
        const region = await makeRegion(sys, '濉溪县');
        const imp = await uploadPlan(sys, { regionId: region.id, fileName: '004.txt', bytes });
        const r = await commitImport(sys, imp.id, { decisions: await automaticDecisions(sys, imp) });
        const plan = await getPlan(sys, r.planId);
        assert.equal(plan.tasks.length, 36);
        const leaders = plan.tasks.flatMap((t) => t.owners.filter((o) => o.role === 'leader').map((o) => o.printed));
        assert.ok(leaders.length > 0, '牵头县领导 kept with the task');
        results.set(dialect.name, {
          title: plan.title,
          tasks: plan.tasks.map((t) => [t.seq, t.text.length, t.owners.length, t.deadlines.map((d) => d.due), t.targets.map((x) => x.value), t.assignments.length]),
          headings: plan.headings.map((x) => x.title),
          assignments: r.assignments,
        });
      } finally {
        await h.dispose();
      }
    });
  }
  test('both databases hold the same plan', () => {
    assert.deepEqual(results.get('postgres'), results.get('sqlite'));
  });
});
