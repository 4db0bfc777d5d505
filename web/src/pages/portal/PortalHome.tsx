import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { usePortalRegions, usePortalSearch } from '../../api/annual-reports.ts';
import { errorMessage } from '../../api/client.ts';
import { Highlight } from '../annual/common.tsx';
import { PortalLayout } from './PortalLayout.tsx';

export default function PortalHome() {
  const [sp, setSp] = useSearchParams();
  const q = sp.get('q') ?? '';
  const regionId = sp.get('region') ?? undefined;
  const year = sp.get('year') ? Number(sp.get('year')) : undefined;
  const page = Number(sp.get('page') ?? 1);
  const [text, setText] = useState(q);
  const regions = usePortalRegions();
  const res = usePortalSearch({ q: q || undefined, regionId, year, page });
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    if (k !== 'page') n.delete('page');
    setSp(n);
  };
  const years = [...new Set((regions.data?.items ?? []).filter((r) => !regionId || r.id === regionId).flatMap((r) => r.years.map((y) => y.year)))].sort((a, b) => b - a);
  return (
    <PortalLayout>
      <Card style={{ marginBottom: 16 }}>
        <Input.Search aria-label="检索年度报告" placeholder="输入关键词检索年度报告全文，如：行政复议、合法性审核" enterButton="检索" size="large" value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim() || undefined)} allowClear />
        <Space style={{ marginTop: 12 }} wrap>
          <Select aria-label="地区" allowClear placeholder="全部地区" style={{ width: 200 }} value={regionId} onChange={(v) => set('region', v)} options={(regions.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))} />
          <Select aria-label="年度" allowClear placeholder="全部年度" style={{ width: 140 }} value={year} onChange={(v) => set('year', v ? String(v) : undefined)} options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
        </Space>
      </Card>
      {res.error && <Alert type="error" showIcon title={errorMessage(res.error)} />}
      <Card title={q ? `「${q}」的检索结果：${res.data?.total ?? 0} 份` : `已公开的年度报告（${res.data?.total ?? 0} 份）`}>
        <List
          loading={res.isFetching}
          dataSource={res.data?.items}
          locale={{ emptyText: <Empty description={q ? '没有找到包含这些词的已公开报告' : '还没有公开的年度报告'} /> }}
          pagination={res.data && res.data.total > 20 ? { current: page, pageSize: 20, total: res.data.total, onChange: (p) => set('page', String(p)) } : false}
          renderItem={(it) => (
            <List.Item>
              <List.Item.Meta
                title={<Space><Link to={`/portal/reports/${it.reportId}`}>{it.title}</Link>{it.corrected && <Tag color="orange">已更正</Tag>}</Space>}
                description={
                  <>
                    <div><Highlight text={it.snippet} terms={it.terms} /></div>
                    <Typography.Text type="secondary">{it.regionName}{it.unitName ? ` · ${it.unitName}` : ''} · {it.year}年度 · {dayjs(it.publishedAt).format('YYYY年M月D日')}公开</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </PortalLayout>
  );
}
