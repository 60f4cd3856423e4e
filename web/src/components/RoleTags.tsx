import { Tag } from 'antd';
import { useT } from '../i18n.ts';
import { isRole, OPERATOR_ROLE } from '../shared-domain.ts';

const OPERATOR_ROLES: readonly string[] = Object.values(OPERATOR_ROLE);

/** Role names in the user's language; operator roles stand out. Unknown roles show as they are. */
export function RoleTags({ roles }: { readonly roles: readonly string[] }) {
  const t = useT();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={OPERATOR_ROLES.includes(role) ? 'blue' : 'default'} variant="outlined">
          {isRole(role) ? t(`role.${role}`) : role}
        </Tag>
      ))}
    </>
  );
}
