import { addUser } from '../accounts/add-user.ts';
import { registerOrganisation } from '../accounts/register-organisation.ts';
import { creditCodeCheckCharacter } from '../domain/credit-code.ts';
import type { Platform, Role } from '../domain/roles.ts';
import type { UseCaseContext } from '../store/context.ts';
import { findOrganisationByCreditCode } from '../store/organisation-repository.ts';
import { findUserByUsername } from '../store/user-repository.ts';

export const DEMO_PASSWORD = 'Zhaocai2026';

interface DemoOrganisation {
  readonly body: string;
  readonly name: string;
  readonly region: string;
  readonly legalRepresentative: string;
}

export interface DemoUser {
  readonly platform: Platform;
  readonly username: string;
  readonly displayName: string;
  readonly roles: Role[];
  readonly organisation: DemoOrganisation | null;
}

// The first 17 characters of each credit code; the check character is computed (GB 32100-2015).
const ORG = {
  operator: {
    body: '91350100MA2Y0P0T1',
    name: '榕城公共资源电子交易有限公司',
    region: '福建省福州市',
    legalRepresentative: '林海',
  },
  tenderer: {
    body: '11350100003613421',
    name: '福州市城乡建设发展中心',
    region: '福建省福州市',
    legalRepresentative: '陈建国',
  },
  agency: {
    body: '91350102MA31H2XK7',
    name: '闽江招标代理有限公司',
    region: '福建省福州市',
    legalRepresentative: '黄立',
  },
  bidder1: {
    body: '91350100154381234',
    name: '福建海峡建工集团有限公司',
    region: '福建省福州市',
    legalRepresentative: '郑伟',
  },
  bidder2: {
    body: '91350200260161052',
    name: '厦门鹭岛路桥工程有限公司',
    region: '福建省厦门市',
    legalRepresentative: '吴敏',
  },
  bidder3: {
    body: '91350500MA2XN5Q84',
    name: '泉州刺桐市政工程有限公司',
    region: '福建省泉州市',
    legalRepresentative: '许强',
  },
  expertEmployer: {
    body: '12350000488600238',
    name: '福建省建筑科学研究院',
    region: '福建省福州市',
    legalRepresentative: '张华',
  },
  hub: {
    body: '12350000MB0T3K6L2',
    name: '福建省公共资源交易服务中心',
    region: '福建省',
    legalRepresentative: '王平',
  },
  supervisor: {
    body: '11350100MB1C8D7E5',
    name: '福州市发展和改革委员会',
    region: '福建省福州市',
    legalRepresentative: '刘洋',
  },
} satisfies Record<string, DemoOrganisation>;

export const DEMO_USERS: readonly DemoUser[] = [
  {
    platform: 'trading',
    username: 'operator',
    displayName: '平台运营 林小雨',
    roles: ['platform_operator'],
    organisation: ORG.operator,
  },
  {
    platform: 'trading',
    username: 'tenderer',
    displayName: '招标人 陈明',
    roles: ['tenderer'],
    organisation: ORG.tenderer,
  },
  {
    platform: 'trading',
    username: 'agency',
    displayName: '代理 黄晓',
    roles: ['agency'],
    organisation: ORG.agency,
  },
  {
    platform: 'trading',
    username: 'bidder1',
    displayName: '投标人 郑一',
    roles: ['bidder'],
    organisation: ORG.bidder1,
  },
  {
    platform: 'trading',
    username: 'bidder2',
    displayName: '投标人 吴二',
    roles: ['bidder'],
    organisation: ORG.bidder2,
  },
  {
    platform: 'trading',
    username: 'bidder3',
    displayName: '投标人 许三',
    roles: ['bidder'],
    organisation: ORG.bidder3,
  },
  {
    platform: 'trading',
    username: 'expert1',
    displayName: '评标专家 张工',
    roles: ['expert'],
    organisation: ORG.expertEmployer,
  },
  {
    platform: 'hub',
    username: 'hub-operator',
    displayName: '公共服务平台 王敏',
    roles: ['hub_operator'],
    organisation: ORG.hub,
  },
  {
    platform: 'supervision',
    username: 'supervisor',
    displayName: '监督员 刘洋',
    roles: ['supervisor'],
    organisation: ORG.supervisor,
  },
];

export function demoCreditCode(organisation: DemoOrganisation): string {
  return organisation.body + creditCodeCheckCharacter(organisation.body);
}

/** Registers the demo organisations and users of one platform; what exists already is kept. */
export async function seedDemoPlatform(ctx: UseCaseContext): Promise<number> {
  let added = 0;
  for (const user of DEMO_USERS.filter((u) => u.platform === ctx.platform)) {
    if (await findUserByUsername(ctx.db, user.username)) continue;
    let organisationId: string | null = null;
    if (user.organisation) {
      const creditCode = demoCreditCode(user.organisation);
      const existing = await findOrganisationByCreditCode(ctx.db, creditCode);
      organisationId =
        existing?.id ??
        (
          await registerOrganisation(ctx, {
            creditCode,
            name: user.organisation.name,
            region: user.organisation.region,
            legalRepresentative: user.organisation.legalRepresentative,
          })
        ).id;
    }
    await addUser(ctx, {
      username: user.username,
      displayName: user.displayName,
      password: DEMO_PASSWORD,
      roles: user.roles,
      organisationId,
    });
    added++;
  }
  return added;
}
