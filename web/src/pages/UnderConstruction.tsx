import { Link } from 'react-router';
import { Button, Card, Result, Tag } from 'antd';
import { CheckCircleOutlined, ToolOutlined } from '@ant-design/icons';
import { PageHeader } from '../layout/PageHeader.tsx';

/** A capability that is planned but not built yet: say what it will hold, never a broken page. */
export default function UnderConstruction({ title, capabilities }: { title: string; capabilities: string[] }) {
  return (
    <>
      <PageHeader title={title} extra={<Tag color="orange">建设中</Tag>} />
      <Card>
        <Result
          icon={<ToolOutlined style={{ color: '#1f5fae' }} />}
          title={`「${title}」功能建设中`}
          subTitle="该模块正在开发，上线后将提供以下功能："
          extra={
            <Link to="/">
              <Button type="primary">返回工作台</Button>
            </Link>
          }
        >
          <ul className="fz-capabilities" aria-label="规划功能">
            {capabilities.map((c) => (
              <li key={c}>
                <CheckCircleOutlined style={{ color: '#52c41a', marginRight: 8 }} />
                {c}
              </li>
            ))}
          </ul>
        </Result>
      </Card>
    </>
  );
}
