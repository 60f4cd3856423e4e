import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The frame of every page: a title line with actions on the right, then the content. */
export function PageContainer({
  title,
  extra,
  children,
}: {
  readonly title: ReactNode;
  readonly extra?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <div className="zc-page">
      <div className="zc-page-head">
        <Typography.Title level={4} className="zc-page-title">
          {title}
        </Typography.Title>
        {extra ? <div className="zc-page-extra">{extra}</div> : null}
      </div>
      {children}
    </div>
  );
}
