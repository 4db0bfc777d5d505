import { Card } from 'antd';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { PasswordForm } from './PasswordForm.tsx';

export default function Password() {
  return (
    <>
      <PageHeader title="修改密码" />
      <Card>
        <PasswordForm />
      </Card>
    </>
  );
}
