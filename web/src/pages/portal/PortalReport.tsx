import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Result, Space, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { portalFileUrl, usePortalReport } from '../../api/annual-reports.ts';
import { errorMessage, isApiError } from '../../api/client.ts';
import { PortalLayout } from './PortalLayout.tsx';

/** A published report: its stable address shows the current copy; /v/N an earlier one. */
export default function PortalReportPage() {
  const { reportId, no } = useParams();
  const v = no ? Number(no) : undefined;
  const q = usePortalReport(reportId, v);
  const r = q.data;
  const stable = `${window.location.origin}/portal/reports/${reportId}`;
  return (
    <PortalLayout>
      {q.error && (isApiError(q.error) && q.error.status === 404 ? <Result status="404" title="报告不存在或尚未公开" extra={<Link to="/portal">返回公开平台</Link>} /> : <Alert type="error" showIcon title={errorMessage(q.error)} />)}
      {q.isLoading && <Card loading />}
      {r && (
        <Card>
          {r.no < r.latestNo && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`这是第${r.no}版（已被更正）。`} action={<Link to={`/portal/reports/${reportId}`}>查看现行版本</Link>} />}
          {r.correctionNote && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`更正说明（第${r.no}版，${dayjs(r.publishedAt).format('YYYY年M月D日')}）：${r.correctionNote}`} />}
          <h1 style={{ textAlign: 'center', fontFamily: '"FZXiaoBiaoSong-B05S", "方正小标宋简体", serif', fontSize: 26, lineHeight: 1.5 }}>{r.title}</h1>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {r.regionName}{r.unitName ? ` · ${r.unitName}` : ''} · {r.year}年度 · {dayjs(r.publishedAt).format('YYYY年M月D日')}公开
          </Typography.Paragraph>
          <Space style={{ marginBottom: 16 }} wrap>
            <Button icon={<FileWordOutlined />} href={portalFileUrl(r.reportId, 'docx', v)} download>下载 Word</Button>
            <Button icon={<FilePdfOutlined />} href={portalFileUrl(r.reportId, 'pdf', v)} download>下载 PDF</Button>
            <Typography.Text copyable={{ text: stable }} type="secondary">固定地址：{stable}</Typography.Text>
          </Space>
          <article style={{ fontSize: 16, lineHeight: 1.9, fontFamily: '"FangSong", "仿宋", serif' }}>
            {r.blocks.map((b, i) =>
              b.type === 'heading' ? (
                <h3 key={i} style={{ fontFamily: b.level === 1 ? '"SimHei", "黑体", sans-serif' : '"KaiTi", "楷体", serif', fontSize: 17, margin: '16px 0 4px' }}>{b.number}{b.text}</h3>
              ) : b.type === 'paragraph' ? (
                <p key={i} style={{ textIndent: '2em', margin: '4px 0' }}>{b.text}</p>
              ) : b.type === 'list' ? (
                <ol key={i}>{(b.items ?? []).map((x, k) => <li key={k}>{x}</li>)}</ol>
              ) : (
                <table key={i} style={{ borderCollapse: 'collapse', width: '100%', margin: '8px 0', fontSize: 14 }}>
                  <tbody>{(b.rows ?? []).map((row, k) => <tr key={k}>{row.map((c, j) => (k === 0 ? <th key={j} style={{ border: '1px solid #999', padding: 4 }}>{c}</th> : <td key={j} style={{ border: '1px solid #999', padding: 4 }}>{c}</td>))}</tr>)}</tbody>
                </table>
              ),
            )}
          </article>
          {r.versions.length > 1 && (
            <Card size="small" title="公开版本" style={{ marginTop: 16 }}>
              {r.versions.map((x) => (
                <div key={x.no}>
                  <Link to={`/portal/reports/${reportId}/v/${x.no}`}>第{x.no}版</Link>（{dayjs(x.publishedAt).format('YYYY年M月D日')}{x.correctionNote ? `，更正：${x.correctionNote}` : '，首次公开'}）{x.no === r.no && ' ← 当前查看'}
                </div>
              ))}
            </Card>
          )}
        </Card>
      )}
    </PortalLayout>
  );
}
