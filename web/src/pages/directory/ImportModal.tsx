import { useState } from 'react';
import { Alert, Button, Col, Modal, Result, Row, Statistic, Table, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportResult } from '@shared/api/units.ts';
import { errorMessage } from '../../api/client.ts';
import { unitsExportUrl, useImportUnits } from '../../api/units.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/** Upload an .xlsx of units; show what was created, updated, left alone and which rows failed. */
export function ImportModal({ open, regionId, regionName, onClose }: { open: boolean; regionId: string; regionName: string; onClose: () => void }) {
  const imp = useImportUnits();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const close = () => {
    setResult(null);
    setFileName(null);
    setLocalError(null);
    imp.reset();
    onClose();
  };

  const upload = (file: File) => {
    setLocalError(null);
    setResult(null);
    if (!/\.xlsx$/i.test(file.name)) return setLocalError('请上传 Excel 文件（.xlsx）');
    if (file.size > MAX_BYTES) return setLocalError('文件不能超过 10 MB');
    setFileName(file.name);
    imp.mutate({ regionId, file }, { onSuccess: setResult });
  };

  const error = localError ?? (imp.error ? errorMessage(imp.error) : null);

  return (
    <Modal open={open} title={`导入单位名录（${regionName}）`} width={720} onCancel={close} footer={<Button onClick={close}>关闭</Button>} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="按名称匹配：已有单位更新，新单位新增，内容相同的保持不变。可先导出现有名录作为模板，修改后再导入。"
        action={
          <Button size="small" icon={<DownloadOutlined />} href={unitsExportUrl(regionId)}>
            导出模板
          </Button>
        }
      />
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={imp.isPending}
        beforeUpload={(file) => {
          upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{imp.isPending ? `正在导入 ${fileName ?? ''} …` : '点击或拖拽 Excel 文件到此处上传'}</p>
        <p className="ant-upload-hint">仅支持 .xlsx，单个文件不超过 10 MB</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title="导入失败" description={error} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          <Result
            style={{ padding: '12px 0' }}
            status={result.errors.length ? 'warning' : 'success'}
            title={result.errors.length ? `导入完成，${result.errors.length} 行有问题未导入` : '导入完成'}
            subTitle={fileName}
          />
          <Row gutter={16} style={{ textAlign: 'center', marginBottom: 16 }}>
            <Col span={6}><Statistic title="新增" value={result.created} styles={{ content: { color: '#389e0d' } }} /></Col>
            <Col span={6}><Statistic title="更新" value={result.updated} styles={{ content: { color: '#1f5fae' } }} /></Col>
            <Col span={6}><Statistic title="未变化" value={result.unchanged} /></Col>
            <Col span={6}><Statistic title="出错行" value={result.errors.length} styles={{ content: { color: result.errors.length ? '#cf1322' : undefined } }} /></Col>
          </Row>
          {result.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.message}`}
              dataSource={result.errors}
              pagination={result.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80, render: (r: number) => `第 ${r} 行` },
                { title: '问题', dataIndex: 'message', render: (m: string) => <span className="fz-verbatim">{m}</span> },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
