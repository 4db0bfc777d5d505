/**
 * 自评佐证材料: the files a unit already handed in with its progress reports this year, to attach to
 * one indicator's self-assessment, beside uploading a new file. Saved with the self-assessment.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Modal, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import type { ScoreLine, SelfEvidenceItem } from '@shared/api/assessment.ts';
import { errorMessage } from '../../api/client.ts';
import { useSelfEvidence } from '../../api/assessment.ts';
import { useUploadEvidence } from '../../api/reports.ts';
import { fmtTime } from '../../lib/format.ts';
import { EvidenceLink } from '../reports/common.tsx';

type Picked = { uploadId: string; fileName: string };

export function SelfEvidencePicker({ campaignId, unitId, year, line, saving, onSave, onClose }: {
  campaignId: string;
  unitId: string;
  year: number;
  line: ScoreLine | null;
  saving: boolean;
  onSave: (line: ScoreLine, files: Picked[]) => void;
  onClose: () => void;
}) {
  const open = !!line;
  const earlier = useSelfEvidence(campaignId, unitId, open);
  const upload = useUploadEvidence();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<Picked[]>([]);
  const [uploadErr, setUploadErr] = useState<string | null>(null);
  useEffect(() => {
    if (line) setPicked(line.selfEvidence);
  }, [line]);
  const has = new Set(picked.map((p) => p.uploadId));
  const add = (f: Picked) => setPicked((p) => (p.some((x) => x.uploadId === f.uploadId) ? p : [...p, f]));
  return (
    <Modal
      open={open}
      width={900}
      title={line ? `自评佐证材料 · ${line.path.at(-1)}` : '自评佐证材料'}
      okText="保存材料"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onClose}
      afterClose={() => { setPicked([]); setUploadErr(null); }}
      onOk={() => line && onSave(line, picked)}
    >
      <div style={{ marginBottom: 12 }}>
        <Typography.Text strong>已选材料（{picked.length}）</Typography.Text>
        {picked.length ? (
          <ul style={{ margin: '6px 0 0', paddingLeft: 18 }} className="fz-self-picked">
            {picked.map((p) => (
              <li key={p.uploadId}>
                <EvidenceLink e={p} />{' '}
                <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`移除 ${p.fileName}`} onClick={() => setPicked((x) => x.filter((y) => y.uploadId !== p.uploadId))}>移除</Button>
              </li>
            ))}
          </ul>
        ) : (
          <div><Typography.Text type="secondary">尚未选择。可从本年度进展报送中已有的材料中选择，或上传新文件。</Typography.Text></div>
        )}
      </div>
      <Tabs
        items={[
          {
            key: 'reports',
            label: `${year}年进展报送中的材料`,
            children: earlier.error ? (
              <Alert type="error" showIcon title={errorMessage(earlier.error)} />
            ) : (
              <Table<SelfEvidenceItem>
                rowKey="uploadId"
                size="small"
                loading={earlier.isPending}
                dataSource={earlier.data ?? []}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty description={`本单位${year}年的进展报送中还没有佐证材料`} /> }}
                rowSelection={{
                  selectedRowKeys: (earlier.data ?? []).filter((e) => has.has(e.uploadId)).map((e) => e.uploadId),
                  onSelect: (row, on) => (on ? add(row) : setPicked((p) => p.filter((x) => x.uploadId !== row.uploadId))),
                  onSelectAll: (on, _rows, changed) => (on ? changed.forEach((r) => add(r)) : setPicked((p) => p.filter((x) => !changed.some((c) => c.uploadId === x.uploadId)))),
                  getCheckboxProps: (r) => ({ 'aria-label': `选择 ${r.fileName}` }),
                }}
                columns={[
                  { title: '文件', dataIndex: 'fileName', render: (_: string, r) => <EvidenceLink e={r} /> },
                  {
                    title: '所属任务',
                    render: (_, r) => r.uses.map((u) => <div key={u.reportId}><Tag style={{ marginInlineEnd: 4 }}>{u.taskNumber}</Tag>{u.taskText.slice(0, 26)}{u.taskText.length > 26 ? '…' : ''}</div>),
                  },
                  { title: '报送周期', width: 150, render: (_, r) => r.uses.map((u) => <div key={u.reportId}>{u.periodLabel} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.reportState}</Typography.Text></div>) },
                  { title: '上传时间', dataIndex: 'uploadedAt', width: 140, render: (t: string) => fmtTime(t) },
                ]}
              />
            ),
          },
          {
            key: 'upload',
            label: '上传新文件',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Upload.Dragger
                  multiple
                  showUploadList={false}
                  accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.webp,.zip"
                  aria-label="上传自评佐证材料"
                  customRequest={({ file, onSuccess, onError: fail }) => {
                    setUploadErr(null);
                    upload.mutate(
                      { unitId, file: file as File },
                      {
                        onSuccess: (ev) => { add({ uploadId: ev.uploadId, fileName: ev.fileName }); void message.success(`已上传：${ev.fileName}`); onSuccess?.(ev); },
                        onError: (e) => { setUploadErr(`${(file as File).name}：${errorMessage(e)}`); fail?.(e as Error); },
                      },
                    );
                  }}
                >
                  <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}><InboxOutlined /></p>
                  <p className="ant-upload-text" style={{ fontSize: 14 }}>点击或将文件拖到此处上传</p>
                  <p className="ant-upload-hint" style={{ fontSize: 12 }}>支持 PDF、Word、Excel、图片、ZIP；上传后点「保存材料」</p>
                </Upload.Dragger>
                {upload.isPending && <Alert type="info" showIcon title="正在上传……" />}
                {uploadErr && <Alert type="error" showIcon closable onClose={() => setUploadErr(null)} title="上传失败" description={uploadErr} />}
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}
