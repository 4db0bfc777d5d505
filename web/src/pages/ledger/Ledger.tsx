import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Row, Select, Space, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileZipOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { usePlans } from '../../api/plans.ts';
import { evidenceExportUrl, ledgerExportUrl, usePlanPeriods } from '../../api/reports.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { readsRegion } from '../../lib/perm.ts';
import { useRegionName } from '../../lib/region.ts';

/**
 * 「台账」: a period's progress 台账 as Excel (one row a task: 序号, 任务, 牵头单位, 责任单位, 完成时限,
 * 本期进展, 状态, 佐证材料清单) and its evidence as a ZIP with a manifest, for the whole region or one
 * unit. A liaison exports their own unit's.
 */
export default function Ledger() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const wholeRegion = readsRegion(me);
  const [sp, setSp] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const n = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) n.set(k, v);
      else n.delete(k);
    }
    setSp(n, { replace: true });
  };
  const plans = usePlans(regionId);
  const planId = sp.get('plan') ?? plans.data?.[0]?.id;
  const periods = usePlanPeriods(planId);
  const today = new Date().toISOString().slice(0, 10);
  const started = useMemo(() => (periods.data?.periods ?? []).filter((p) => p.start <= today), [periods.data, today]);
  const periodId = sp.get('period') ?? started[started.length - 1]?.id ?? periods.data?.periods[0]?.id;
  const period = periods.data?.periods.find((p) => p.id === periodId);
  const units = useUnits(wholeRegion && regionId ? { regionId } : null);
  const unitId = wholeRegion ? (sp.get('unit') ?? undefined) : (me.unit?.id ?? undefined);
  const unitName = wholeRegion ? units.data?.find((u) => u.id === unitId)?.name : me.unit?.name;
  const plan = plans.data?.find((p) => p.id === planId);
  const q = planId && periodId ? { planId, periodId, unitId } : null;
  const scope = unitId ? (unitName ?? '所选单位') : `${regionName}（全部单位）`;

  if (!regionId) return <Card><Empty description="您的账号尚未分配地区，请联系管理员" /></Card>;
  return (
    <>
      <PageHeader title="台账" />
      {plans.error && <Alert type="error" showIcon title={errorMessage(plans.error)} style={{ marginBottom: 12 }} />}
      {plans.data && plans.data.length === 0 ? (
        <Card><Empty description="尚未导入方案，导入方案并开始报送后即可导出台账" /></Card>
      ) : (
        <Row gutter={12}>
          <Col xs={24} lg={10}>
            <Card title="选择范围" size="small">
              <Form layout="vertical" requiredMark={false}>
                <Form.Item label="方案">
                  <Select
                    value={planId}
                    loading={plans.isLoading}
                    onChange={(v) => set({ plan: v, period: undefined })}
                    options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
                    aria-label="方案"
                  />
                </Form.Item>
                <Form.Item label="报送周期">
                  <Select
                    value={periodId}
                    loading={periods.isLoading}
                    onChange={(v) => set({ period: v })}
                    options={[...(periods.data?.periods ?? [])].reverse().map((p) => ({ value: p.id, label: `${p.label}（${p.due} 前报送）${p.start > today ? '　未开始' : ''}` }))}
                    aria-label="报送周期"
                  />
                </Form.Item>
                <Form.Item label="单位" extra={wholeRegion ? '不选单位时导出全部单位：每项任务取牵头单位的汇总报送' : '联络员导出本单位的台账'}>
                  {wholeRegion ? (
                    <Select
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      placeholder="全部单位"
                      value={unitId}
                      loading={units.isLoading}
                      onChange={(v) => set({ unit: v })}
                      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                      aria-label="单位"
                    />
                  ) : (
                    <Typography.Text strong>{me.unit?.name ?? '—'}</Typography.Text>
                  )}
                </Form.Item>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title="导出" size="small">
              <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
                <Descriptions.Item label="方案"><span className="fz-verbatim">{plan?.title ?? '—'}</span></Descriptions.Item>
                <Descriptions.Item label="周期">{period ? `${period.label}（报送截止 ${period.due}）` : '—'}</Descriptions.Item>
                <Descriptions.Item label="范围">{scope}</Descriptions.Item>
              </Descriptions>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <div>
                  <Button type="primary" icon={<FileExcelOutlined />} href={q ? ledgerExportUrl(q) : undefined} disabled={!q} aria-label="导出进展台账（Excel）">
                    导出进展台账（Excel）
                  </Button>
                  <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
                    每项任务一行：序号、任务、牵头单位、责任单位、完成时限、本期进展、状态、佐证材料清单。本期进展取各单位已提交的报送（草稿不计入）。
                  </Typography.Paragraph>
                </div>
                <div>
                  <Button icon={<FileZipOutlined />} href={q ? evidenceExportUrl(q) : undefined} disabled={!q} aria-label="导出佐证材料（ZIP）">
                    导出佐证材料（ZIP）
                  </Button>
                  <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
                    每项任务一个文件夹，文件按上传时的名称保存；附「清单.csv」列出任务、单位、文件名、大小和 SHA-256，可据此核对。
                  </Typography.Paragraph>
                </div>
              </Space>
              {!q && !plans.isLoading && (
                <Alert type="info" showIcon icon={<DownloadOutlined />} style={{ marginTop: 12 }} title="请选择方案和报送周期" />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
