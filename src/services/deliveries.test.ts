import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { parseMail, startHttpSink, startSmtpSink } from '../../test/sinks.ts';
import { notificationsRepo } from '../db/repositories/notifications.ts';
import { smtpSender } from '../notify/email.ts';
import { httpWebhookSender, signGeneric } from '../notify/webhook.ts';
import { FixedClock } from '../shared/clock.ts';
import type { ServiceContext } from './context.ts';
import { createWebhook, deliverDue, listDeliveries, listWebhooks, resendDelivery, updateWebhook, type Channels } from './deliveries.ts';
import { escalationRecipients, getMyPrefs, listMyNotifications, markRead, notify, unreadCount, updateMyPrefs } from './notifications.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { issueNotice } from './notices.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const PLAN = `通知县法治政府建设工作要点（2026—2026年）
一、重点任务
1.建立行政执法案卷评查制度。（牵头单位：通知县甲局）（完成时限：2026年12月底前）
`;

for (const dialect of DIALECTS) {
  describe(`notifications reach people: bell, email over SMTP, robots (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let liaison: ServiceContext;
    let plain: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let liaisonId: string;
    let plainId: string;
    let taskId: string;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    let http: Awaited<ReturnType<typeof startHttpSink>>;
    let up: Channels;
    let down: Channels;

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-11-02T02:00:00Z'); // Monday 10:00 in Beijing
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '通知县');
      liaisonId = (await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitA.id, email: 'lianluo@jiaju.gov.cn' })).id;
      plainId = (await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitA.id })).id;
      [office, liaison, plain] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, liaisonId), ctxAs(sys, plainId)]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      taskId = (await getPlan(sys, (await commitImport(sys, imp.id, {})).planId)).tasks[0]!.id;
      smtp = await startSmtpSink();
      http = await startHttpSink();
      const webhook = httpWebhookSender({ timeoutMs: 300, now: () => clock.now() });
      up = { email: smtpSender(smtp.url, '法治平台 <fazhi@tongzhi.gov.cn>'), webhook, publicUrl: 'https://fazhi.tongzhi.gov.cn' };
      // nothing listens on port 1: the connection is refused at once
      down = { email: smtpSender('smtp://127.0.0.1:1', 'fazhi@tongzhi.gov.cn', { timeoutMs: 2000 }), webhook, publicUrl: null };
      await createWebhook(office, { regionId: county.region.id, name: '通用接口', format: 'generic', url: `${http.base}/generic`, secret: 's3cret', kinds: [], active: true });
      await createWebhook(office, { regionId: county.region.id, name: '钉钉工作群', format: 'dingtalk', url: `${http.base}/ding?access_token=abcdef0123456789`, secret: 'SECdingding', kinds: ['supervision', 'escalation'], active: true });
      await createWebhook(office, { regionId: county.region.id, name: '企业微信群', format: 'wecom', url: `${http.base}/wecom?key=k-123`, secret: null, kinds: [], active: true });
    });
    after(async () => {
      up.email?.close();
      down.email?.close();
      await smtp.close();
      await http.close();
      await h.dispose();
    });

    test('one message reaches the bell, the mailbox and every robot, once, however often it is replayed', async () => {
      const msg = { regionId: county.region.id, userIds: [liaisonId, plainId], kind: 'supervision' as const, title: '【督办】通法督〔2026〕9号：请于2026年11月9日前反馈', body: '存在问题：案卷评查进展缓慢。\n督办要求：说明原因。', link: '/supervision/notices/abc', dedupeKey: 'test-1' };
      assert.deepEqual(await notify(sys, msg), { inApp: 2, queued: 4 }, 'two users in-app; one email (the other user has no address); three robots');
      assert.deepEqual(await notify(sys, msg), { inApp: 0, queued: 0 }, 'replayed: nothing new');
      http.requests.length = 0;
      assert.deepEqual(await deliverDue({ db: h.db, clock, channels: up }), { sent: 4, failed: 0, retried: 0, skipped: 0 });
      assert.deepEqual(await deliverDue({ db: h.db, clock, channels: up }), { sent: 0, failed: 0, retried: 0, skipped: 0 }, 'sent once');

      assert.equal(smtp.mails.length, 1);
      assert.deepEqual(smtp.mails[0]!.to, ['lianluo@jiaju.gov.cn']);
      const mail = parseMail(smtp.mails[0]!.raw);
      assert.equal(mail.subject, msg.title);
      assert.match(mail.text, /案卷评查进展缓慢/);
      assert.match(mail.text, /查看详情：https:\/\/fazhi\.tongzhi\.gov\.cn\/supervision\/notices\/abc/);

      const byPath = new Map(http.requests.map((r) => [r.path, r]));
      const generic = byPath.get('/generic')!;
      const signature = signGeneric('s3cret', String(generic.headers['x-fazhi-timestamp']), generic.body);
      assert.equal(generic.headers['x-fazhi-signature'], `sha256=${signature}`, 'the receiver can verify the signature');
      assert.equal(JSON.parse(generic.body).title, msg.title);
      assert.equal(JSON.parse(generic.body).url, 'https://fazhi.tongzhi.gov.cn/supervision/notices/abc');

      const ding = byPath.get('/ding')!;
      const q = new URL(ding.url, http.base).searchParams;
      assert.equal(q.get('access_token'), 'abcdef0123456789');
      assert.equal(q.get('timestamp'), String(clock.now().getTime()));
      assert.equal(q.get('sign'), createHmac('sha256', 'SECdingding').update(`${clock.now().getTime()}\nSECdingding`).digest('base64'));
      const dingBody = JSON.parse(ding.body) as { msgtype: string; markdown: { title: string; text: string } };
      assert.equal(dingBody.msgtype, 'markdown');
      assert.match(dingBody.markdown.text, /案卷评查进展缓慢/);

      const wecom = JSON.parse(byPath.get('/wecom')!.body) as { msgtype: string; markdown: { content: string } };
      assert.equal(wecom.msgtype, 'markdown');
      assert.match(wecom.markdown.content, /【督办单】【督办】通法督/);

      const bell = await listMyNotifications(liaison, { page: 1, pageSize: 20 });
      assert.equal(bell.unread, 1);
      assert.equal(bell.items[0]!.kindLabel, '督办单');
      // another user's ids change nothing; one's own are marked
      assert.deepEqual(await markRead(plain, { ids: [bell.items[0]!.id] }), { unread: 1 });
      assert.deepEqual(await unreadCount(liaison), { unread: 1 });
      assert.deepEqual(await markRead(liaison, { ids: [bell.items[0]!.id] }), { unread: 0 });
    });

    test('a mail server that is down and robots that answer 500 or hang: retried with backoff, logged; the action and the other channels go through', async () => {
      http.answer((r) => (r.path === '/generic' ? { status: 500, body: 'internal error' } : r.path === '/ding' ? 'hang' : { status: 200, body: '{"errcode":0}' }));
      const before = (await listMyNotifications(liaison, { page: 1, pageSize: 50 })).total;
      const notice = await issueNotice(office, { unitId: county.unitA.id, taskIds: [taskId], problem: '评查工作滞后。', requirement: '请说明原因。', replyDue: '2026-11-09' });
      assert.equal(notice.number, '通法督〔2026〕1号', 'the action succeeded whatever the channels do');
      assert.equal((await listMyNotifications(liaison, { page: 1, pageSize: 50 })).total, before + 1, 'the in-app message is there at once');

      const first = await deliverDue({ db: h.db, clock, channels: down });
      assert.deepEqual(first, { sent: 1, failed: 0, retried: 3, skipped: 0 }, 'WeCom got it; email, the generic hook and DingTalk wait');
      const log = await listDeliveries(office, { page: 1, pageSize: 10, state: 'pending' }, true);
      const errors = Object.fromEntries(log.items.map((d) => [d.targetLabel, d.lastError]));
      assert.match(errors['lianluo@jiaju.gov.cn']!, /邮件服务器拒绝连接/);
      assert.match(errors['通用接口']!, /HTTP 500/);
      assert.match(errors['钉钉工作群']!, /无响应/);
      for (const d of log.items) assert.equal(d.nextAttemptAt, new Date(clock.now().getTime() + 60_000).toISOString(), 'first retry after a minute');
      assert.deepEqual(await deliverDue({ db: h.db, clock, channels: up }), { sent: 0, failed: 0, retried: 0, skipped: 0 }, 'not before the retry time');

      http.answer(() => ({ status: 200, body: '{"errcode":0}' }));
      clock.advance(61_000);
      const mailsBefore = smtp.mails.length;
      assert.deepEqual(await deliverDue({ db: h.db, clock, channels: up }), { sent: 3, failed: 0, retried: 0, skipped: 0 });
      assert.equal(smtp.mails.length, mailsBefore + 1);
      const sent = await listDeliveries(office, { page: 1, pageSize: 50, state: 'sent' }, true);
      assert.ok(sent.items.filter((d) => d.title.includes('通法督〔2026〕1号')).every((d) => d.attempts <= 2));
      await assert.rejects(listDeliveries(liaison, { page: 1, pageSize: 10 }, true), code('FORBIDDEN'));
    });

    test('a robot that refuses for good is failed at once and shown; the office fixes it and resends', async () => {
      http.answer((r) => (r.path === '/generic' ? { status: 404, body: 'no such hook' } : { status: 200, body: '{"errcode":0}' }));
      await notify(sys, { regionId: county.region.id, userIds: [plainId], kind: 'chase', title: '【催办】任务一.1', body: '请加快进度', link: null, dedupeKey: 'test-404' });
      const r = await deliverDue({ db: h.db, clock, channels: up });
      assert.equal(r.failed, 1, '404 will not get better by retrying');
      const [failed] = (await listDeliveries(office, { page: 1, pageSize: 10, state: 'failed' }, true)).items;
      assert.match(failed!.lastError!, /HTTP 404/);
      assert.ok(r.sent >= 1, 'WeCom still got it (DingTalk only takes 督办 and 升级)');
      http.answer(() => ({ status: 200, body: '' }));
      const again = await resendDelivery(office, failed!.id);
      assert.equal(again.state, 'pending');
      await assert.rejects(resendDelivery(office, failed!.id), code('CONFLICT'));
      assert.equal((await deliverDue({ db: h.db, clock, channels: up })).sent, 1);
    });

    test('after the last retry a delivery gives up as failed; without a mail server email is recorded as not sent', async () => {
      await notify(sys, { regionId: county.region.id, userIds: [liaisonId], kind: 'system', title: '系统维护通知', body: '今晚维护', link: null, dedupeKey: 'test-giveup' });
      http.answer(() => ({ status: 503 }));
      const counts: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await deliverDue({ db: h.db, clock, channels: down });
        counts.push(`${r.retried}/${r.failed}`);
        clock.advance(13 * 3_600_000);
      }
      // email + generic + WeCom: retried after attempts 1..5, given up at the 6th
      assert.deepEqual(counts, ['3/0', '3/0', '3/0', '3/0', '3/0', '0/3', '0/0']);
      await notify(sys, { regionId: county.region.id, userIds: [liaisonId], kind: 'system', title: '无邮件服务器', body: '测试', link: null, dedupeKey: 'test-nomail' });
      http.answer(() => ({ status: 200, body: '{"errcode":0}' }));
      const r = await deliverDue({ db: h.db, clock, channels: { ...up, email: null } });
      assert.equal(r.skipped, 1);
      const [skipped] = (await listDeliveries(office, { page: 1, pageSize: 10, state: 'skipped', channel: 'email' }, false)).items;
      assert.match(skipped!.lastError!, /未配置邮件服务器/);
    });

    test('preferences: a muted kind sends no email; quiet hours hold email until they end; robots and the bell do not wait', async () => {
      const p = await getMyPrefs(liaison);
      assert.deepEqual([p.emailEnabled, p.emailMuted, p.quietStart, p.email, p.version], [true, [], null, 'lianluo@jiaju.gov.cn', 0]);
      await updateMyPrefs(liaison, { emailEnabled: true, emailMuted: ['reminder'], quietStart: '22:00', quietEnd: '07:30', version: 0 });
      await assert.rejects(updateMyPrefs(liaison, { emailEnabled: false, emailMuted: [], quietStart: null, quietEnd: null, version: 0 }), code('CONFLICT'));
      clock.set('2026-11-20T15:00:00Z'); // 23:00 in Beijing
      const reminder = await notify(sys, { regionId: county.region.id, userIds: [liaisonId], kind: 'reminder', title: '提醒', body: 'x', link: null, dedupeKey: 'test-muted' });
      assert.equal(reminder.queued, 2, 'no email for a muted kind: only the generic and WeCom robots');
      await notify(sys, { regionId: county.region.id, userIds: [liaisonId], kind: 'warning', title: '夜间警示', body: 'y', link: null, dedupeKey: 'test-quiet' });
      http.answer(() => ({ status: 200, body: '{"errcode":0}' }));
      const mails = smtp.mails.length;
      const night = await deliverDue({ db: h.db, clock, channels: up });
      assert.equal(night.sent, 4, 'the robots got both messages at night');
      assert.equal(smtp.mails.length, mails, 'no email during quiet hours');
      const held = (await listDeliveries(office, { page: 1, pageSize: 10, state: 'pending', channel: 'email' }, true)).items;
      assert.equal(held.length, 1);
      assert.equal(held[0]!.nextAttemptAt, '2026-11-20T23:30:00.000Z', 'held until 07:30 in Beijing');
      clock.set('2026-11-20T23:30:00Z');
      assert.equal((await deliverDue({ db: h.db, clock, channels: up })).sent, 1);
      assert.equal(parseMail(smtp.mails.at(-1)!.raw).subject, '夜间警示');
    });

    test('two workers at once send each delivery exactly once', async () => {
      http.requests.length = 0;
      const mails = smtp.mails.length;
      for (let i = 0; i < 5; i++) await notify(sys, { regionId: county.region.id, userIds: [liaisonId], kind: 'escalation', title: `升级${i}`, body: 'z', link: null, dedupeKey: `test-race-${i}` });
      const [a, b] = await Promise.all([deliverDue({ db: h.db, clock, channels: up }), deliverDue({ db: h.db, clock, channels: up })]);
      assert.equal(a.sent + b.sent, 20, '5 messages × (email, generic, DingTalk, WeCom)');
      assert.equal(smtp.mails.length - mails, 5);
      assert.equal(http.requests.length, 15);
      assert.equal(new Set(http.requests.map((r) => `${r.path}:${r.body}`)).size, 15, 'no request twice');
    });

    test('an escalation about a task goes to the leader printed on it (牵头县领导), not to every leader', async () => {
      const wang = (await makeUser(sys, { role: 'leader', regionId: county.region.id, displayName: '王永涛' })).id;
      const other = (await makeUser(sys, { role: 'leader', regionId: county.region.id, displayName: '葛剑' })).id;
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'l.txt', bytes: new TextEncoder().encode('通知县法治政府建设实施方案（2026—2027年）\n一、重点任务\n（一）推进政府机构职能优化。〔牵头县领导：王永涛；牵头责任单位：通知县甲局〕\n') });
      const task = (await getPlan(sys, (await commitImport(sys, imp.id, {})).planId)).tasks[0]!.id;
      const to = await escalationRecipients(sys, { regionId: county.region.id, unitId: county.unitA.id, taskId: task });
      assert.ok(to.includes(wang), 'the named leader');
      assert.ok(!to.includes(other) && !to.includes(county.leader.id), 'not the others');
      assert.ok(to.includes(county.office.id) && to.includes(liaisonId), 'the office and the unit');
      const none = await escalationRecipients(sys, { regionId: county.region.id, unitId: county.unitA.id, taskId });
      assert.ok(none.includes(county.leader.id) && none.includes(wang) && none.includes(other), 'a task naming no leader: the leadership');
    });

    test('robots: only the office configures them; the token is masked and kept when the masked URL comes back', async () => {
      const { items } = await listWebhooks(office, county.region.id);
      const ding = items.find((w) => w.format === 'dingtalk')!;
      assert.equal(ding.url, `${http.base}/ding?access_token=abcd…6789`);
      assert.equal(ding.hasSecret, true);
      const saved = await updateWebhook(office, ding.id, { name: '钉钉工作群（新）', format: 'dingtalk', url: ding.url, kinds: ['supervision'], active: true, version: ding.version });
      assert.equal(saved.name, '钉钉工作群（新）');
      assert.equal((await notificationsRepo.findWebhook(h.db, ding.id))!.url, `${http.base}/ding?access_token=abcdef0123456789`, 'the real token is kept');
      assert.equal((await notificationsRepo.findWebhook(h.db, ding.id))!.secret, 'SECdingding', 'an absent secret keeps the stored one');
      await assert.rejects(updateWebhook(office, ding.id, { name: 'x', format: 'dingtalk', url: ding.url, kinds: [], active: true, version: ding.version }), code('CONFLICT'));
      await assert.rejects(createWebhook(liaison, { regionId: county.region.id, name: 'x', format: 'generic', url: 'http://x', kinds: [], active: true }), code('FORBIDDEN'));
      await assert.rejects(listWebhooks(liaison, county.region.id), code('NOT_FOUND'));
    });
  });
}
