/** A plan upload interrupted half-way over HTTP leaves nothing behind: no import, no plan, no audit entry. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../../test/http.ts';
import { TEST_PASSWORD, makeCounty, systemCtx } from '../../test/factories.ts';
import { FixedClock } from '../shared/clock.ts';
import { loadShippedCalendar } from '../services/work-calendar.ts';
import { buildApp, type App } from './app.ts';
import { loadConfig } from './config.ts';
import { openAndMigrate } from './runtime.ts';

const PLAN = `断点县法治政府建设实施方案（2026—2030年）
一、总体任务
1.推进依法行政制度建设。（牵头单位：断点县甲局）（完成时限：2026年底前）
2.严格规范公正文明执法。（牵头单位：断点县乙局）（完成时限：长期坚持）
`;
const BOUNDARY = '----fazhi-test-boundary';
const multipart = (fileName: string, body: string) => {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`;
  return { head: Buffer.from(head), body: Buffer.from(body), tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`) };
};

describe('plan upload over HTTP', () => {
  let s: { app: App; handle: Awaited<ReturnType<typeof openAndMigrate>>; base: string; port: number; dir: string };
  // the server's answer to each attempt (named by the x-test-attempt header), once its handler is done:
  // onSend runs for every answer, the refusal of an interrupted upload included
  const answered = new Map<string, (status: number) => void>();
  const answerOf = (attempt: string) => new Promise<number>((resolve) => answered.set(attempt, resolve));
  let county: Awaited<ReturnType<typeof makeCounty>>;
  let office: Client;
  const counts = async () => ({
    imports: Number((await s.handle.db.selectFrom('plan_imports').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    plans: Number((await s.handle.db.selectFrom('plans').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await s.handle.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).where('action', 'like', 'plan%').executeTakeFirstOrThrow()).n),
  });
  const inject = (payload: Buffer, length: number) =>
    s.app.inject({
      method: 'POST',
      url: `/api/plans/imports?regionId=${county.region.id}`,
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(length) },
      payload,
    });

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-upload-'));
    const config = loadConfig({ DATABASE_URL: join(dir, 'fazhi.db'), FAZHI_DATA_DIR: dir, FAZHI_LOG_LEVEL: 'silent', PORT: '0' });
    const handle = await openAndMigrate(config);
    const clock = new FixedClock('2026-03-02T02:00:00Z');
    const app = await buildApp({ config, handle, clock, webDir: join(dir, 'no-web'), loadCalendar: async () => loadShippedCalendar() });
    app.addHook('onSend', async (req, reply) => {
      const attempt = req.headers['x-test-attempt'];
      if (typeof attempt === 'string') answered.get(attempt)?.(reply.statusCode);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    s = { app, handle, base: `http://127.0.0.1:${port}`, port, dir };
    county = await makeCounty(systemCtx(s.handle.db, clock), '断点县');
    office = new Client(s.base);
    assert.equal((await office.login(county.office.username, TEST_PASSWORD)).status, 200);
  });
  after(async () => {
    await s.app.close();
    await s.handle.close();
    rmSync(s.dir, { recursive: true, force: true });
  });

  test('the connection drops half-way through the file: nothing is stored', async () => {
    const m = multipart('plan.txt', PLAN);
    const length = m.head.length + m.body.length + m.tail.length;
    const before = await counts();
    const answer = answerOf('drop');
    const socket = connect(s.port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.on('error', () => {}); // the server may answer into a closed socket
    socket.write(
      `POST /api/plans/imports?regionId=${county.region.id} HTTP/1.1\r\nHost: 127.0.0.1\r\ncookie: ${office.cookie}\r\nx-csrf-token: ${office.csrf}\r\n` +
        `x-test-attempt: drop\r\ncontent-type: multipart/form-data; boundary=${BOUNDARY}\r\ncontent-length: ${length}\r\n\r\n`,
    );
    socket.write(m.head);
    socket.write(m.body.subarray(0, Math.floor(m.body.length / 2)));
    // the client vanishes after half of the file (the server already has the bytes)
    await new Promise<void>((resolve) => socket.end(resolve));
    socket.destroy();
    assert.ok((await answer) >= 400, 'the server refuses the upload once it has seen the connection end');
    assert.deepEqual(await counts(), before, 'no import, no plan, no audit entry');
  });

  test('the body ends before the multipart closes (client gave up): refused with a Chinese message, nothing stored', async () => {
    const m = multipart('plan.txt', PLAN);
    const partial = Buffer.concat([m.head, m.body.subarray(0, 40)]);
    const before = await counts();
    const res = await inject(partial, partial.length);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(JSON.parse(res.body).error.message, /上传未完成|请重新上传/);
    assert.deepEqual(await counts(), before);
  });

  test('the same upload sent whole is accepted (so the refusals above are about the interruption)', async () => {
    const m = multipart('plan.txt', PLAN);
    const whole = Buffer.concat([m.head, m.body, m.tail]);
    const before = await counts();
    const res = await inject(whole, whole.length);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(JSON.parse(res.body).draft.tasks.length, 2);
    assert.equal((await counts()).imports, before.imports + 1);
  });
});
