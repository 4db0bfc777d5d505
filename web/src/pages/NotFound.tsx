import { Link } from 'react-router';
import { Button, Card, Result } from 'antd';

export default function NotFound() {
  return (
    <Card>
      <Result
        status="404"
        title="页面不存在"
        subTitle="您访问的页面不存在或已被移除，请检查地址是否正确。"
        extra={
          <Link to="/">
            <Button type="primary">返回工作台</Button>
          </Link>
        }
      />
    </Card>
  );
}
