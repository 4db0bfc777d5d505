import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Empty, Modal, Space, Spin, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { FileTextOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { PlanSummary } from '@shared/api/plans.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isApiError } from '../../api/client.ts';
import { usePlans, useUploadPlan } from '../../api/plans.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canManagePlans } from '../../lib/perm.ts';
import { useRegionName } from '../../lib/region.ts';
import { periodText } from './common.tsx';

const ACCEPT = '.txt,.md,.docx,.pdf,.html,.htm';

function uploadError(e: unknown): string {
  if (!isApiError(e)) return errorMessage(e);
  if (e.status === 413) return `文件过大：${e.message}`;
  if (e.status === 415) return `无法读取该文件：${e.message}`;
  if (e.status === 422) return `未能解析出方案内容：${e.message}`;
  return e.message;
}

export function UploadModal({ open, regionId, regionName, onClose }: { open: boolean; regionId: string; regionName: string; onClose: () => void }) {
  const upload = useUploadPlan();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const send = (file: File) => {
    setError(null);
    setFileName(file.name);
    upload.mutate(
      { regionId, file },
      {
        onSuccess: (imp) => navigate(`/plans/imports/${imp.id}`),
        onError: (e) => setError(uploadError(e)),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={`导入方案 · ${regionName}`}
      onCancel={() => !upload.isPending && onClose()}
      footer={<Button onClick={onClose} disabled={upload.isPending}>关闭</Button>}
      width={600}
      destroyOnHidden
      afterClose={() => {
        setError(null);
        setFileName(null);
        upload.reset();
      }}
    >
      <Spin spinning={upload.isPending} tip={`正在解析「${fileName ?? ''}」…`}>
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(f) => {
            send(f);
            return false;
          }}
          aria-label="选择方案文件"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或将方案文件拖到此处上传</p>
          <p className="ant-upload-hint">支持 Word（.docx）、PDF、纯文本（.txt / .md）、网页（.html）。上传后系统自动识别章节、任务、责任单位和完成时限，经您核对确认后才会导入。</p>
        </Upload.Dragger>
      </Spin>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message="导入失败" description={<span className="fz-verbatim">{error}</span>} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        扫描版 PDF（图片）无法识别文字，请上传 Word 或可复制文字的 PDF。加密文件请先解除密码。
      </Typography.Paragraph>
    </Modal>
  );
}

export default function PlanList() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const plans = usePlans(regionId);
  const [uploading, setUploading] = useState(false);
  const canWrite = canManagePlans(me);

  const columns: TableColumnsType<PlanSummary> = [
    { title: '序号', key: 'idx', width: 72, align: 'center', render: (_v, _r, i) => i + 1 },
    {
      title: '方案名称',
      dataIndex: 'title',
      render: (_v, p) => (
        <Link to={`/plans/${p.id}`} style={{ fontWeight: 500 }}>
          <FileTextOutlined style={{ marginRight: 6 }} />
          <span className="fz-verbatim">{p.title}</span>
        </Link>
      ),
    },
    { title: '规划期', dataIndex: 'period', width: 130, render: (v: PlanSummary['period']) => periodText(v) },
    {
      title: '当前版本',
      key: 'version',
      width: 230,
      render: (_v, p) =>
        p.currentVersion ? (
          <Space size={4} wrap>
            <span>第 {p.currentVersion.versionNo} 版</span>
            <Tag color={p.currentVersion.label === '正式稿' ? 'blue' : 'orange'}>{p.currentVersion.label}</Tag>
            {p.currentVersion.docNumber && <span className="fz-verbatim">{p.currentVersion.docNumber}</span>}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: '印发日期', key: 'issued', width: 120, render: (_v, p) => p.currentVersion?.issuedOn ?? '—' },
    { title: '任务数', dataIndex: 'taskCount', width: 90, align: 'right' },
    { title: '导入时间', dataIndex: 'createdAt', width: 160, render: (v: string) => fmtTime(v) },
    { title: '操作', key: 'op', width: 90, render: (_v, p) => <Link to={`/plans/${p.id}`}>查看</Link> },
  ];

  if (!regionId) return <Card><Empty description="您的账号尚未分配地区，请联系管理员" /></Card>;
  return (
    <>
      <PageHeader
        title="法治政府建设方案"
        extra={canWrite && <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>导入方案</Button>}
      />
      <Card>
        <div className="fz-toolbar">
          <span style={{ color: '#595959' }}>{regionName} · 共 {plans.data?.length ?? 0} 个方案</span>
        </div>
        {plans.error && <Alert type="error" showIcon message={errorMessage(plans.error)} style={{ marginBottom: 12 }} />}
        <Table<PlanSummary>
          rowKey="id"
          bordered
          loading={plans.isLoading}
          columns={columns}
          dataSource={plans.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={canWrite ? '尚未导入方案，点击右上角「导入方案」上传' : '尚未导入方案'} /> }}
        />
      </Card>
      {canWrite && <UploadModal open={uploading} regionId={regionId} regionName={regionName} onClose={() => setUploading(false)} />}
    </>
  );
}
