/** A unit's 得分卡 in a drawer: the computed lines with their explanations, 自评 (with evidence) and 评分. */
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { Campaign, ScoreLine } from '@shared/api/assessment.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useScore, useScorecard } from '../../api/assessment.ts';
import { canDecide } from '../../lib/perm.ts';
import { EvidenceLink } from '../reports/common.tsx';
import { SelfEvidencePicker } from './SelfEvidencePicker.tsx';

function ScoreInput({ line, onSave, loading }: { line: ScoreLine; onSave: (score: number | null) => void; loading: boolean }) {
  const [v, setV] = useState<number | null>(null);
  return (
    <Space.Compact>
      <InputNumber size="small" min={0} max={line.points} step={0.5} style={{ width: 80 }} value={v} onChange={(x) => setV(x)} aria-label={`${line.path.join('/')} 得分`} />
      <Button size="small" loading={loading} disabled={v === null} onClick={() => onSave(v)}>保存</Button>
    </Space.Compact>
  );
}

export function ScorecardDrawer({ campaign, unitId, onClose }: { campaign: Campaign; unitId: string | null; onClose: () => void }) {
  const me = useCurrentUser();
  const card = useScorecard(unitId ? campaign.id : null, unitId);
  const self = useScore('self');
  const review = useScore('review');
  const { message } = App.useApp();
  const [attaching, setAttaching] = useState<ScoreLine | null>(null);
  const canSelf = campaign.state === 'self_assess' && me.role === 'liaison';
  const canReview = campaign.state === 'review' && (canDecide(me) || me.role === 'inspector');
  const save = (kind: 'self' | 'review', l: ScoreLine, score: number | null) =>
    (kind === 'self' ? self : review).mutate(
      { id: campaign.id, unitId: unitId!, indicatorId: l.indicatorId, score, ...(kind === 'self' ? { note: l.selfNote } : {}), version: l.version ?? 0 },
      { onSuccess: () => message.success('已保存'), onError: (e) => message.error(errorMessage(e)) },
    );
  const saveFiles = (l: ScoreLine, files: { uploadId: string }[]) =>
    self.mutate(
      { id: campaign.id, unitId: unitId!, indicatorId: l.indicatorId, score: l.selfScore, note: l.selfNote, uploadIds: files.map((f) => f.uploadId), version: l.version ?? 0 },
      { onSuccess: () => { void message.success('佐证材料已保存'); setAttaching(null); }, onError: (e) => message.error(errorMessage(e)) },
    );
  return (
    <Drawer open={!!unitId} width={1200} onClose={onClose} title={card.data ? `${card.data.unitName} · 得分卡` : '得分卡'}>
      {card.error && <Alert type="warning" showIcon title={errorMessage(card.error)} />}
      {card.data && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }} items={[
            { label: '总分', children: card.data.total ?? '未评完' },
            { label: '排名', children: card.data.rank ?? '—' },
            { label: '状态', children: card.data.frozen ? <Tag color="green">已审定（冻结）</Tag> : <Tag>{campaign.stateLabel}</Tag> },
          ]} />
          {card.data.missing.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`尚有 ${card.data.missing.length} 项未评分`} description={card.data.missing.join('；')} />}
          <Table<ScoreLine>
            rowKey="indicatorId"
            size="small"
            pagination={false}
            dataSource={card.data.lines}
            columns={[
              { title: '指标', render: (_, l) => <><div style={{ color: '#8c8c8c', fontSize: 12 }}>{l.path.slice(0, -1).join(' › ')}</div>{l.path.at(-1)}</> },
              { title: '分值', dataIndex: 'points', width: 60, align: 'right' },
              { title: '计算过程', dataIndex: 'explanation', render: (e: string, l) => <><Tag color="blue">{l.rule}</Tag>{e}</> },
              { title: '自评', width: canSelf ? 150 : 70, render: (_, l) => (canSelf ? <><span className="fz-score">{l.selfScore ?? '—'}</span> <ScoreInput line={l} loading={self.isPending} onSave={(s) => save('self', l, s)} /></> : (l.selfScore ?? '—')) },
              {
                title: '自评材料',
                width: 210,
                render: (_, l) => (
                  <div className="fz-self-evidence">
                    {l.selfEvidence.map((f) => <div key={f.uploadId}><EvidenceLink e={f} /></div>)}
                    {canSelf && <Button size="small" icon={<PaperClipOutlined />} onClick={() => setAttaching(l)}>{l.selfEvidence.length ? '调整材料' : '添加材料'}</Button>}
                    {!canSelf && !l.selfEvidence.length && <Typography.Text type="secondary">—</Typography.Text>}
                  </div>
                ),
              },
              { title: '评分', width: canReview ? 150 : 70, render: (_, l) => (canReview ? <><span className="fz-score">{l.reviewScore ?? '—'}</span> <ScoreInput line={l} loading={review.isPending} onSave={(s) => save('review', l, s)} /></> : (l.reviewScore ?? '—')) },
              { title: '得分', dataIndex: 'final', width: 70, align: 'right', render: (f: number | null) => (f === null ? <Tooltip title="未评分"><Typography.Text type="warning">—</Typography.Text></Tooltip> : <b>{f}</b>) },
            ]}
          />
        </>
      )}
      {unitId && canSelf && (
        <SelfEvidencePicker campaignId={campaign.id} unitId={unitId} year={campaign.year} line={attaching} saving={self.isPending} onSave={saveFiles} onClose={() => setAttaching(null)} />
      )}
    </Drawer>
  );
}
